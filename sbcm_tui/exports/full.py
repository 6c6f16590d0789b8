"""The whole case on paper: every field a person wrote or the app recorded, in a readable order.

For a file transfer, an audit, or a client who asks to see everything held about them. Ids are
left out (they are plumbing): a reference is shown as what it points at, so a plan review names
its objective and a referral its resource. In JSON or TOML the full export is the case file
itself, byte for byte what ``sbcm`` would save.
"""

from __future__ import annotations

from datetime import date

from sbcm_tui.core.case import Case, Contact, Goal, Objective, Referral
from sbcm_tui.core.client_facts import Surface, shown_facts
from sbcm_tui.core.protocol import PromptBank
from sbcm_tui.exports.document import (
    Block,
    Document,
    Fields,
    Heading,
    Item,
    ItemList,
    Paragraph,
    Section,
    Span,
    aside,
    bullet,
    facts,
    in_brackets,
    section,
    trimmed,
)
from sbcm_tui.exports.words import (
    MEDIUM_WORDS,
    OWNER_WORDS,
    PRACTICE_NOTICE,
    day,
    minutes,
    protocol_titles,
    quote,
    step_words,
    term,
    term_text,
)
from sbcm_tui.files.protocols import load_prompt_bank

TITLE = "Case file"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _dated(label: str, value: date | None) -> str:
    return f" — {label} {day(value)}" if value is not None else ""


def _sub(label: str, text: str | None) -> list[Item]:
    """A child line ``Label: text`` when there is text."""
    return [bullet(Span(f"{label}:", "em"), " ", text)] if trimmed(text) else []


def _copy_of(case: Case) -> str | None:
    """What a conflict or recovery copy is a copy of, and when it was made."""
    source = case.copy_of
    if source is None:
        return None
    why = "another editor saved first" if source.reason == "conflict" else "kept after a crash"
    return f"{source.case_id} at revision {source.revision}, {source.made_at.isoformat()} ({why})"


def _case_section(case: Case) -> Section:
    protocol_title = protocol_titles(case)[0]
    return Section(
        "case",
        "Case",
        (
            facts(
                [
                    ("Case", case.id),
                    ("Status", term(case.status)),
                    ("Practice case", _yes(case.practice)),
                    ("Scenario", case.scenario),
                    ("Protocol", f"{protocol_title} ({case.protocol})"),
                    ("Case manager", case.worker),
                    ("Next contact", day(case.next_contact_on) if case.next_contact_on else None),
                    ("Created", case.created_at.isoformat()),
                    ("Last changed", case.updated_at.isoformat()),
                    ("Revision", str(case.revision)),
                    ("Strength being typed, not yet saved", case.strength_draft),
                    ("Typed in a form, not yet saved", case.unsaved_form),
                    ("A copy of", _copy_of(case)),
                ]
            ),
        ),
    )


def _client_section(case: Case, today: date) -> Section:
    c = case.client
    return Section(
        "client",
        "Client",
        (facts([(f.label, f.text) for f in shown_facts(c, today, Surface.RECORD)]),),
    )


def _consents(case: Case) -> Section:
    items = [
        bullet(
            Span(c.party),
            f" — {term(c.kind)}" if c.kind else "",
            f" — {term(c.decision)}",
            _dated("from", c.starts),
            _dated("until", c.ends),
            _dated("withdrawn", c.withdrawn_on),
            children=[*_sub("Scope", c.scope), *_sub("Note", c.note)],
        )
        for c in case.consents
    ]
    blocks = [ItemList(tuple(items))] if items else []
    return section("consents", "Consents", blocks, empty="No consents recorded.")


def _prompt_text(bank: PromptBank, prompt_id: str | None) -> str | None:
    if prompt_id is None:
        return None
    try:
        return f"{bank.prompt(prompt_id).text} ({prompt_id})"
    except LookupError:
        return prompt_id


def _strengths(case: Case, bank: PromptBank) -> Section:
    items = []
    for s in case.strengths:
        about = [bank.domain_title(s.domain), term(s.kind)]
        if s.category:
            about.append(bank.category_title(s.category))
        if s.contact is not None:
            about.append(f"contact {s.contact}")
        if s.noted_on is not None:
            about.append(f"noted {day(s.noted_on)}")
        children = [
            bullet(Span(", ".join(about), "em")),
            *_sub("Prompt", _prompt_text(bank, s.prompt_id)),
        ]
        items.append(bullet(quote(s.words), children=children))
    blocks = [ItemList(tuple(items))] if items else []
    return section("strengths", "Strengths", blocks, empty="No strengths recorded.")


def _non_strengths(case: Case) -> Section:
    items = [
        bullet(
            Span(f"{term(n.kind).capitalize()}:"),
            " ",
            n.note,
            children=[
                bullet(
                    f"Noted {day(n.noted_on)}; ",
                    "open" if n.open else f"closed {day(n.closed_on, '')}".rstrip(),
                ),
                *_sub("Follow-up", n.follow_up),
                *_sub("Closed because", n.closing_note),
            ],
        )
        for n in case.non_strengths
    ]
    blocks = [ItemList(tuple(items))] if items else []
    return section(
        "non_strengths", "Safety, health and limitations", blocks, empty="Nothing recorded."
    )


def _objective(o: Objective) -> Item:
    state = [term(o.status)]
    if o.achieved_on:
        state.append(f"achieved {day(o.achieved_on)}")
    if o.gas_level is not None:
        state.append(f"GAS {o.gas_level:+d}" if o.gas_level else "GAS 0")
    strategies = [
        bullet(
            s.step,
            in_brackets(s.who),
            _dated("by", s.target_date),
            (f" — done {day(s.done_on, '')}".rstrip() if s.done else " — not done"),
        )
        for s in o.strategies
    ]
    return bullet(
        o.text,
        _dated("by", o.target_date),
        f" — {', '.join(state)}",
        children=[*_sub("Measure", o.measure), *strategies],
    )


def _goal(goal: Goal, bank: PromptBank) -> list[Block]:
    about = facts(
        [
            ("Life domain", bank.domain_title(goal.domain) if goal.domain else None),
            ("Set on", day(goal.set_on) if goal.set_on else None),
            ("Checked safe and legal", _yes(goal.confirmed_safe)),
        ]
    )
    blocks: list[Block] = [Heading(quote(goal.words)), about]
    if goal.objectives:
        blocks.append(ItemList(tuple(_objective(o) for o in goal.objectives)))
    return blocks


def _plan(case: Case, bank: PromptBank) -> Section:
    blocks: list[Block] = []
    for goal in case.goals:
        blocks += _goal(goal, bank)
    return section("plan", "Goals, objectives and strategies", blocks, empty="No goals set.")


def _barriers(case: Case, objectives: dict[str, str]) -> Section:
    items = [
        bullet(
            b.text,
            _dated("noted", b.noted_on),
            (f" — resolved {day(b.resolved_on, '')}".rstrip() if b.resolved else " — open"),
            children=_sub("In the way of", objectives.get(b.objective_id or "")),
        )
        for b in case.barriers
    ]
    blocks = [ItemList(tuple(items))] if items else []
    return section("barriers", "Barriers", blocks, empty="No barriers recorded.")


def _resources(case: Case) -> Section:
    items = [
        bullet(
            Span(r.name),
            f" — {term(r.kind)}",
            children=[*_sub("How to reach", r.how_to_reach), *_sub("Note", r.note)],
        )
        for r in case.resources
    ]
    blocks = [ItemList(tuple(items))] if items else []
    return section("resources", "Resources", blocks, empty="No resources recorded.")


def _referral(r: Referral, names: dict[str, str], objectives: dict[str, str]) -> Item:
    steps = [bullet(f"{term(step.status).capitalize()} {day(step.on)}") for step in r.history]
    return bullet(
        Span(names.get(r.resource_id, r.resource_id)),
        f" — {term(r.status)}",
        children=[
            *_sub("Purpose", r.purpose),
            *_sub("For", objectives.get(r.objective_id or "")),
            *steps,
        ],
    )


def _referrals(case: Case, objectives: dict[str, str]) -> Section:
    names = {r.id: r.name for r in case.resources}
    items = [_referral(r, names, objectives) for r in case.referrals]
    blocks = [ItemList(tuple(items))] if items else []
    return section("referrals", "Referrals", blocks, empty="No referrals.")


def _tasks(case: Case) -> Section:
    items = [
        bullet(
            Span(f"{OWNER_WORDS[t.owner]}:", "em"),
            " ",
            t.text,
            _dated("due", t.due),
            f" — set at contact {t.contact}" if t.contact is not None else "",
            (f" — done {day(t.done_on, '')}".rstrip() if t.done else " — not done"),
        )
        for t in case.tasks
    ]
    blocks = [ItemList(tuple(items))] if items else []
    return section("tasks", "Tasks", blocks, empty="No tasks.")


def _contact(
    contact: Contact, case: Case, steps: dict[tuple[int, str], str], items: dict[str, str]
) -> list[Block]:
    done = ", ".join(steps.get((contact.number, s), step_words(s)) for s in contact.steps_done)
    blocks: list[Block] = [
        Heading(f"Contact {contact.number}: {day(contact.on)}"),
        facts(
            [
                ("How", MEDIUM_WORDS[contact.medium]),
                ("Length", minutes(contact.minutes)),
                ("Steps done", done),
                ("Carried over", contact.carried_over),
                ("Summary", contact.summary),
                ("Private notes", contact.notes),
            ]
        ),
    ]
    reviews = [
        bullet(
            Span(f"Reviewed {r.item}:", "em"),
            " ",
            items.get(r.item_id, r.item_id),
            f" — {term(r.status)}",
            children=_sub("Note", r.note),
        )
        for r in contact.plan_reviews
    ]
    if reviews:
        blocks.append(ItemList(tuple(reviews)))
    if contact.practice_lines:
        blocks += [Paragraph((Span("Role-play transcript:", "em"),)), _transcript(contact)]
    return blocks


def _transcript(contact: Contact) -> ItemList:
    """A practice contact's lines, with how each was coded and what it revealed."""
    items = []
    for line in contact.practice_lines:
        coding = [f"coded {term_text(line.code)}" if line.code else ""]
        coding.append(f"suggested {term_text(line.suggested)}" if line.suggested else "")
        coding.append(f"topic {line.topic}" if line.topic else "")
        coding.append(f"revealed {', '.join(line.revealed)}" if line.revealed else "")
        about = "; ".join(c for c in coding if c)
        items.append(bullet(Span(f"{line.speaker.capitalize()}:"), " ", line.text, *aside(about)))
    return ItemList(tuple(items))


def _contacts(case: Case) -> Section:
    steps = protocol_titles(case)[2]
    items = {o.id: o.text for o in case.objectives()}
    items |= {s.id: s.step for o in case.objectives() for s in o.strategies}
    blocks: list[Block] = []
    for contact in sorted(case.contacts, key=lambda c: (c.number, c.on)):
        blocks += _contact(contact, case, steps, items)
    return section("contacts", "Contacts", blocks, empty="No contacts yet.")


def _disengagement(case: Case) -> Section | None:
    ending = case.disengagement
    if ending is None:
        return None
    started = ending.started_at_contact
    block: Fields = facts(
        [
            ("Raised at contact", None if started is None else str(started)),
            ("Accomplishments", ending.accomplishments),
            ("Staying connected", ending.independent_contact),
            ("Completed on", day(ending.completed_on) if ending.completed_on else None),
        ]
    )
    return section("disengagement", "Disengagement", [block] if block.rows else [], empty="Begun.")


def _reopenings(case: Case) -> Section | None:
    if not case.reopenings:
        return None
    items = [bullet(f"{day(r.on)}, was {term(r.was)}: ", r.reason) for r in case.reopenings]
    return section("reopenings", "Reopened", [ItemList(tuple(items))], empty="")


def build_full(case: Case, today: date) -> Document:
    """Everything in ``case``, as of ``today``."""
    bank = load_prompt_bank()
    objectives = {o.id: o.text for o in case.objectives()}
    sections = [
        _case_section(case),
        _client_section(case, today),
        _consents(case),
        _strengths(case, bank),
        _non_strengths(case),
        _plan(case, bank),
        _barriers(case, objectives),
        _resources(case),
        _referrals(case, objectives),
        _tasks(case),
        _contacts(case),
    ]
    sections += [s for s in (_disengagement(case), _reopenings(case)) if s is not None]
    return Document(
        kind="full",
        title=TITLE,
        meta=(("Client", case.client.preferred_name), ("Prepared", day(today))),
        sections=tuple(sections),
        notice=PRACTICE_NOTICE if case.practice else None,
    )
