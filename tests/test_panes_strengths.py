"""Strengths capture, the engagement and strengths panes, and the non-strengths modal.

Keyboard only, and every assertion that matters is on what reached the disk.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import ContentSwitcher, Footer, Input, OptionList, Static

from sbcm_tui.core import casework
from sbcm_tui.core.case import (
    Case,
    Client,
    NonStrength,
    NonStrengthKind,
    Strength,
    StrengthKind,
)
from sbcm_tui.core.protocol import StepKind
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.protocols import load_prompt_bank, load_protocol
from sbcm_tui.files.session import CaseSession
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.modals.confirm import ConfirmModal as ConfirmDelete
from sbcm_tui.tui.modals.non_strength import NonStrengthModal
from sbcm_tui.tui.panes.base import CaseContext, StepPane
from sbcm_tui.tui.panes.engagement import EngagementPane
from sbcm_tui.tui.panes.strengths import StrengthsPane
from sbcm_tui.tui.widgets.safety_banner import SafetyBanner
from sbcm_tui.tui.widgets.strength_capture import StrengthCapture, next_kind, starting_domain
from tests.support import PaneHost, type_text

TODAY = date(2026, 3, 10)
NAME = "Sam [/x] [b]"


def make_context(
    root: Path,
    *,
    contact_number: int | None = None,
    kind: StepKind = StepKind.STRENGTHS,
    strengths: list[Strength] | None = None,
) -> CaseContext:
    """A real case on disk, a session over it, and (optionally) contact N in progress."""
    store = CaseStore(root)
    opened = store.create(Case(client=Client(preferred_name=NAME), strengths=strengths or []))
    session = CaseSession(store, opened)
    protocol = load_protocol("brief-five")
    contact = step = None
    if contact_number is not None:
        for _ in range(contact_number):
            contact = casework.start_contact(session.case, TODAY)
        step = next(s for s in protocol.contact(contact_number).steps if s.kind is kind)
    return CaseContext(
        session=session,
        protocol=protocol,
        bank=load_prompt_bank(),
        today=TODAY,
        contact=contact,
        step=step,
    )


class Host(PaneHost):
    """Mounts one pane with a banner, and opens the non-strengths modal on f2 like the app."""

    BINDINGS = [Binding("f2", "note", "Safety/health note", priority=True)]

    def __init__(self, ctx: CaseContext, pane: type[StepPane]) -> None:
        super().__init__()
        self.ctx = ctx
        self.pane_class = pane

    def compose(self) -> ComposeResult:
        yield SafetyBanner()
        yield self.pane_class(self.ctx, id="pane")
        yield Footer()

    def on_mount(self) -> None:
        self.screen.query_one(SafetyBanner).update_from(self.ctx.case)

    def action_note(self) -> None:
        def keep(note: NonStrength | None) -> None:
            if note is not None:
                self.ctx.case.non_strengths.append(note)
                self.ctx.session.changed()
                self.screen.query_one(SafetyBanner).update_from(self.ctx.case)

        self.push_screen(NonStrengthModal(today=TODAY), keep)


def saved(ctx: CaseContext) -> Case:
    """Save the session and read the case back from disk."""
    outcome = ctx.session.save()
    assert outcome.state.value == "saved", outcome.message
    case, _ = read_case(ctx.session.opened.path)
    return case


async def focus_by_tab(pilot, widget_id: str, limit: int = 12) -> None:
    """Press tab until the widget with this id has the focus (keyboard only)."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached #{widget_id}")


# --- pure helpers -------------------------------------------------------------------------


def test_kind_cycles_now_wants_past() -> None:
    assert next_kind(StrengthKind.CURRENT) is StrengthKind.DESIRED
    assert next_kind(StrengthKind.DESIRED) is StrengthKind.PAST
    assert next_kind(StrengthKind.PAST) is StrengthKind.CURRENT


def test_starting_domain_follows_the_last_strength(tmp_path: Path) -> None:
    ctx = make_context(tmp_path)
    assert starting_domain(ctx.case, ctx.bank) == ctx.bank.domains[0].id
    ctx.case.strengths.append(Strength(domain="leisure", words="Paints"))
    ctx.case.strengths.append(Strength(domain="retired_area", words="Old"))
    assert starting_domain(ctx.case, ctx.bank) == "leisure"


# --- capturing strengths ------------------------------------------------------------------


async def test_capture_in_several_domains_and_kinds(tmp_path: Path) -> None:
    ctx = make_context(tmp_path, contact_number=2)
    app = Host(ctx, StrengthsPane)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")  # from the pane: straight to the words
        assert app.focused is not None and app.focused.id == "capture-words"
        await type_text(pilot, "Keeps a tidy flat [b] 🌱")
        await pilot.press("enter")
        await pilot.press("ctrl+k")  # wants
        await type_text(pilot, "Wants to cook [/x] for the kids")
        await pilot.press("enter")
        await pilot.press("ctrl+o")  # the life areas open; type to jump, enter to choose
        await pilot.pause()
        await type_text(pilot, "heal")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "capture-words"
        await pilot.press("ctrl+k", "ctrl+k")  # in the past
        await type_text(pilot, "Walked 5km a day \\ every day")
        await pilot.press("enter")
        await pilot.press("enter")  # empty: nothing is noted, a hint says why
        await pilot.pause()
        said = app.screen.query_one("#capture-said", Static)
        assert "Type the strength first" in str(said.render())
        assert app.changes >= 3  # three strengths, and the words kept as they were typed
        assert ctx.case.strength_draft is None  # every word typed went into a strength

    case = saved(ctx)
    got = [(s.domain, s.words, s.kind, s.contact, s.noted_on, s.prompt_id) for s in case.strengths]
    assert got == [
        ("daily_living", "Keeps a tidy flat [b] 🌱", StrengthKind.CURRENT, 2, TODAY, None),
        ("daily_living", "Wants to cook [/x] for the kids", StrengthKind.DESIRED, 2, TODAY, None),
        ("health", "Walked 5km a day \\ every day", StrengthKind.PAST, 2, TODAY, None),
    ]


async def test_prompt_prefills_capture_and_counts_as_asked(tmp_path: Path) -> None:
    ctx = make_context(tmp_path, contact_number=1)
    app = Host(ctx, StrengthsPane)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await focus_by_tab(pilot, "prompts")
        prompts = app.screen.query_one("#prompts", OptionList)
        assert prompts.highlighted_option is not None
        assert prompts.highlighted_option.id == "general-good-at"
        await pilot.press("enter")  # general prompt: category and prompt kept, area unchanged
        assert app.focused is not None and app.focused.id == "capture-words"
        await type_text(pilot, "Fixes bikes")
        await pilot.press("enter")
        # the prompt is answered: the next strength, heard as the talk goes on, is not its
        await type_text(pilot, "Walks the dog every morning")
        await pilot.press("enter")
        await pilot.press("escape")  # back to the prompt list at once: no prompt to let go
        assert app.focused is prompts
        # filter to leisure (f opens the areas; the focus comes back to the list);
        # the capture follows the filter's area
        await pilot.press("f", "escape")  # opened and closed: nothing changes
        await pilot.pause()
        assert app.focused is prompts
        await pilot.press("f")
        await pilot.pause()
        await type_text(pilot, "leis")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is prompts
        assert prompts.highlighted_option is not None
        assert prompts.highlighted_option.id == "leisure-fun"
        await pilot.press("enter")
        await type_text(pilot, "Plays guitar")
        await pilot.press("enter")
        # mark another prompt asked by hand (this sitting only)
        await pilot.press("escape")
        assert app.focused is prompts
        await pilot.press("down")
        marked = prompts.highlighted_option
        assert marked is not None and marked.id == "leisure-free-afternoon"
        await pilot.press("a")
        await pilot.pause()
        assert str(prompts.get_option("leisure-free-afternoon").prompt).startswith("✓")
        assert str(prompts.get_option("leisure-fun").prompt).startswith("✓")
        assert not str(prompts.get_option("leisure-places").prompt).startswith("✓")
        await pilot.press("a")  # toggles back
        assert not str(prompts.get_option("leisure-free-afternoon").prompt).startswith("✓")
        await pilot.press("up", "a")  # asked through a strength: stays asked
        assert str(prompts.get_option("leisure-fun").prompt).startswith("✓")

    case = saved(ctx)
    got = [(s.words, s.domain, s.category, s.prompt_id, s.contact) for s in case.strengths]
    assert got == [
        ("Fixes bikes", "daily_living", "general", "general-good-at", 1),
        ("Walks the dog every morning", "daily_living", None, None, 1),
        ("Plays guitar", "leisure", "general", "leisure-fun", 1),
    ]


async def test_edit_kind_and_delete_a_strength_outside_a_contact(tmp_path: Path) -> None:
    strengths = [
        Strength(domain="health", words="Walks [b]daily[/b]", kind=StrengthKind.CURRENT),
        Strength(domain="leisure", words="Sings 🎤", kind=StrengthKind.PAST),
    ]
    ctx = make_context(tmp_path, strengths=strengths)
    first_id, second_id = strengths[0].id, strengths[1].id
    app = Host(ctx, StrengthsPane)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await focus_by_tab(pilot, "strengths")
        listing = app.screen.query_one("#strengths", OptionList)
        assert listing.highlighted_option is not None
        assert listing.highlighted_option.id == first_id
        await pilot.press("e")
        edit = app.screen.query_one("#strength-edit", Input)
        assert app.focused is edit and edit.value == "Walks [b]daily[/b]"
        await pilot.press("ctrl+u")
        await pilot.press("enter")  # empty words are refused; the old ones stay
        assert edit.has_class("-editing") and app.focused is edit
        await type_text(pilot, "Walks the dog [/x] daily")
        await pilot.press("enter")
        assert not edit.has_class("-editing") and app.focused is listing
        await pilot.press("k")  # now -> wants
        await pilot.press("e", "x", "escape")  # an edit abandoned changes nothing
        assert app.focused is listing
        await pilot.press("down", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDelete)
        await pilot.press("n")  # kept
        await pilot.pause()
        assert len(ctx.case.strengths) == 2
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDelete)

    case = saved(ctx)
    assert [(s.id, s.words, s.kind) for s in case.strengths] == [
        (first_id, "Walks the dog [/x] daily", StrengthKind.DESIRED)
    ]
    assert second_id not in {s.id for s in case.strengths}


async def test_engagement_notes_strengths_and_lists_this_contact(tmp_path: Path) -> None:
    earlier = Strength(domain="leisure", words="Old one", contact=None)
    ctx = make_context(tmp_path, contact_number=1, kind=StepKind.ENGAGEMENT, strengths=[earlier])
    app = Host(ctx, EngagementPane)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await focus_by_tab(pilot, "checklist")
        await pilot.press("down", "space")  # ticking is only a reminder
        checklist = app.screen.query_one("#checklist", OptionList)
        assert str(checklist.get_option_at_index(1).prompt).startswith("✓")
        await pilot.press("n")
        assert isinstance(app.focused, Input)
        await type_text(pilot, "Came on time [b]")
        await pilot.press("enter")
        await pilot.pause()
        noted = str(app.screen.query_one("#noted", Static).render())
        assert "Came on time [b]" in noted and "Old one" not in noted

    case = saved(ctx)
    assert [(s.words, s.domain, s.contact) for s in case.strengths] == [
        ("Old one", "leisure", None),
        ("Came on time [b]", "leisure", 1),
    ]


# --- non-strengths ------------------------------------------------------------------------


async def test_non_strength_modal_saves_and_raises_the_banner(tmp_path: Path) -> None:
    ctx = make_context(tmp_path, contact_number=1, kind=StepKind.ENGAGEMENT)
    app = Host(ctx, EngagementPane)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = app.screen.query_one(SafetyBanner)
        assert not banner.display or not banner.has_class("-open")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, NonStrengthModal)
        await pilot.press("ctrl+s")  # nothing chosen: says so, stays open
        await pilot.pause()
        assert isinstance(app.screen, NonStrengthModal)
        assert "Choose what kind" in str(app.screen.query_one("#ns-message", Static).render())
        await pilot.press("space")  # the first kind: suicidal thoughts or an attempt
        await pilot.press("ctrl+s")  # no note yet: says so, stays open, puts you in the note
        await pilot.pause()
        assert isinstance(app.screen, NonStrengthModal)
        assert app.focused is app.screen.query_one("#ns-note")
        await type_text(pilot, "Said it felt [b]hopeless[/b] 🎸")
        await pilot.press("tab")
        await type_text(pilot, "Safety plan [/x] call tomorrow")
        await pilot.press("tab")
        await pilot.press("ctrl+u")
        await type_text(pilot, "someday")  # not a date: kept, explained, not saved
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NonStrengthModal)
        assert app.screen.query_one("#ns-date", Input).value == "someday"
        await pilot.press("ctrl+u")
        await type_text(pilot, "yesterday")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NonStrengthModal)
        banner = app.screen.query_one(SafetyBanner)
        assert banner.has_class("-open")
        shown = str(banner.render())
        assert "suicidal ideation or attempt" in shown
        assert "Safety plan [/x] call tomorrow" in shown

    case = saved(ctx)
    assert len(case.non_strengths) == 1
    note = case.non_strengths[0]
    assert note.kind is NonStrengthKind.SUICIDAL
    assert note.note == "Said it felt [b]hopeless[/b] 🎸"
    assert note.follow_up == "Safety plan [/x] call tomorrow"
    assert note.noted_on == date(2026, 3, 9)
    assert case.open_safety_concerns() == [note]


async def test_escape_cancels_and_asks_before_discarding(tmp_path: Path) -> None:
    ctx = make_context(tmp_path)
    app = Host(ctx, StrengthsPane)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, NonStrengthModal)

        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("down", "down", "space", "tab")
        await type_text(pilot, "Cannot read forms")
        await pilot.press("escape")  # typed: asks first
        await pilot.pause()
        assert isinstance(app.screen, NonStrengthModal)
        await pilot.press("n")  # keep writing: nothing lost, and the n is not typed
        await pilot.pause()
        assert app.screen.query_one("#ns-note").text == "Cannot read forms"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, NonStrengthModal)
        assert ctx.case.non_strengths == []

    assert ctx.session.dirty is False
    case, _ = read_case(ctx.session.opened.path)
    assert case.non_strengths == []


async def test_banner_hides_when_no_safety_concern_is_open(tmp_path: Path) -> None:
    ctx = make_context(tmp_path)
    ctx.case.non_strengths.append(
        NonStrength(kind=NonStrengthKind.PHYSICAL_HEALTH, note="Diabetes", noted_on=TODAY)
    )
    app = Host(ctx, StrengthsPane)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = app.screen.query_one(SafetyBanner)
        assert not banner.has_class("-open")
        ctx.case.non_strengths.append(
            NonStrength(kind=NonStrengthKind.HARM_TO_OTHERS, note="[b]", noted_on=TODAY)
        )
        ctx.case.non_strengths.append(
            NonStrength(kind=NonStrengthKind.SUICIDAL, note="x", noted_on=date(2026, 3, 1))
        )
        banner.update_from(ctx.case)
        await pilot.pause()
        assert banner.has_class("-open")
        assert str(banner.render()).startswith("⚠ 2 open safety concerns. Latest: risk of harm")
        for note in ctx.case.non_strengths:
            note.open = False
        banner.update_from(ctx.case)
        assert not banner.has_class("-open")


# --- rendering with hostile text ------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
@pytest.mark.parametrize(
    ("pane", "kind", "contact_number"),
    [
        (EngagementPane, StepKind.ENGAGEMENT, 1),
        (StrengthsPane, StepKind.STRENGTHS, 2),
        (StrengthsPane, StepKind.STRENGTHS, 4),
        (StrengthsPane, StepKind.STRENGTHS, None),
        (EngagementPane, StepKind.ENGAGEMENT, None),
    ],
)
async def test_every_pane_renders_bracket_and_emoji_text(
    tmp_path: Path, pane: type[StepPane], kind: StepKind, contact_number: int | None, size
) -> None:
    words = ["[/x] [b]", "back\\slash [bold red]", "🎸 [link=x]guitar[/link]", "[", "]"]
    strengths = [
        Strength(domain=d.id, words=w, kind=k, contact=contact_number)
        for d, w, k in zip(
            load_prompt_bank().domains, words, [*StrengthKind, *StrengthKind], strict=False
        )
    ]
    strengths.append(Strength(domain="agency_own_area", words="[/]", kind=StrengthKind.PAST))
    ctx = make_context(tmp_path, contact_number=contact_number, kind=kind, strengths=strengths)
    ctx.case.non_strengths.append(
        NonStrength(
            kind=NonStrengthKind.SUICIDAL,
            note="[/x]",
            noted_on=TODAY,
            follow_up="Call [b]Sam[/b] \\ 📞",
        )
    )
    app = Host(ctx, pane)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen_text = "\n".join(str(w.render()) for w in app.screen.query(Static) if w.display)
        assert "Call [b]Sam[/b] \\ 📞" in screen_text
        if contact_number == 4:
            step = ctx.step
            assert step is not None
            assert step.purpose in screen_text  # the summary of strengths and achievements
        await pilot.press("n")
        await type_text(pilot, "[/b] new 🌱")
        await pilot.press("enter")
        await pilot.pause()
        app.save_screenshot(str(tmp_path / "pane.svg"))
        await pilot.press("f2")
        await pilot.pause()
        app.save_screenshot(str(tmp_path / "modal.svg"))
        await pilot.press("escape")
        await pilot.pause()
    assert any(s.words == "[/b] new 🌱" for s in saved(ctx).strengths)


async def test_capture_posts_captured_message(tmp_path: Path) -> None:
    ctx = make_context(tmp_path, contact_number=1)
    app = Host(ctx, StrengthsPane)
    messages: list[object] = []
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "Brave")
        await pilot.press("enter")
        await pilot.pause()
    # the hook sees a message at each widget it bubbles through: count distinct messages
    captured = list(
        {id(m): m for m in messages if isinstance(m, StrengthCapture.Captured)}.values()
    )
    assert len(captured) == 1 and captured[0].strength.words == "Brave"


class SwitchHost(PaneHost):
    """Engagement and strengths panes in a ContentSwitcher, as the contact screen hosts them."""

    BINDINGS = [Binding("ctrl+n", "next", "Next step", priority=True)]

    def __init__(self, engagement: CaseContext, strengths: CaseContext) -> None:
        super().__init__()
        self.contexts = (engagement, strengths)

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="engagement"):
            yield EngagementPane(self.contexts[0], id="engagement")
            yield StrengthsPane(self.contexts[1], id="strengths-step")

    def action_next(self) -> None:
        self.screen.query_one(ContentSwitcher).current = "strengths-step"
        pane = self.screen.query_one("#strengths-step")
        # what the contact screen does: focus the first focusable widget of the pane
        first = next(w for w in pane.query("*") if w.focusable)
        first.focus()


async def test_panes_in_a_contact_share_the_case_and_focus_sensibly(tmp_path: Path) -> None:
    engagement = make_context(tmp_path, contact_number=1, kind=StepKind.ENGAGEMENT)
    protocol_step = next(s for s in engagement.protocol.contact(1).steps if s.kind == "strengths")
    strengths = CaseContext(
        session=engagement.session,
        protocol=engagement.protocol,
        bank=engagement.bank,
        today=TODAY,
        contact=engagement.contact,
        step=protocol_step,
    )
    app = SwitchHost(engagement, strengths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "Shows up [b]early[/b]")
        await pilot.press("enter")
        await pilot.press("ctrl+n")
        await pilot.pause()
        # the hidden list of the area filter is "focusable"; the pane sends the focus on
        assert app.focused is not None and app.focused.id == "prompts"
        listing = app.screen.query_one("#strengths", OptionList)
        assert listing.option_count == 2  # the area heading and the strength just noted
        assert "Shows up [b]early[/b]" in str(listing.get_option_at_index(1).prompt)
    assert [s.words for s in saved(engagement).strengths] == ["Shows up [b]early[/b]"]


async def test_reload_shows_the_case_read_again(tmp_path: Path) -> None:
    ctx = make_context(tmp_path, contact_number=2)
    app = Host(ctx, StrengthsPane)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        store, path = ctx.session.store, ctx.session.opened.path
        elsewhere = store.open(path)
        elsewhere.case.strengths.append(Strength(domain="health", words="From [b]elsewhere"))
        store.save(elsewhere)
        ctx.session.reload()
        pane = app.screen.query_one(StrengthsPane)
        pane.reload()
        await pilot.pause()
        listing = app.screen.query_one("#strengths", OptionList)
        assert "From [b]elsewhere" in str(listing.get_option_at_index(1).prompt)
        await pilot.press("n")
        await type_text(pilot, "Then here")
        await pilot.press("enter")
    assert [s.words for s in saved(ctx).strengths] == ["From [b]elsewhere", "Then here"]


async def test_words_typed_but_not_entered_are_kept_in_the_file(tmp_path: Path) -> None:
    """Never lose a word: what is in the capture field reaches the file before Enter, comes
    back into the field when the case is opened again, and is cleared once it is a strength."""
    ctx = make_context(tmp_path, contact_number=2)
    async with Host(ctx, StrengthsPane).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "Fixes bikes [b] for the")
        await pilot.pause()
    assert saved(ctx).strength_draft == "Fixes bikes [b] for the"

    again = CaseSession(ctx.session.store, ctx.session.store.open(ctx.session.opened.path))
    ctx2 = CaseContext(
        session=again, protocol=ctx.protocol, bank=ctx.bank, today=TODAY, contact=None, step=None
    )
    app = Host(ctx2, StrengthsPane)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        words = app.screen.query_one("#capture-words", Input)
        assert words.value == "Fixes bikes [b] for the"
        await pilot.press("n", "end")
        await type_text(pilot, " street")
        await pilot.press("enter")
        await pilot.pause()
    case = saved(ctx2)
    assert case.strength_draft is None
    assert [s.words for s in case.strengths] == ["Fixes bikes [b] for the street"]
