"""The linkage step: the community as a resource, and each referral's climb up the ladder.

Resources are formal (agencies, entitlements), informal (everyday people and places) or
created (something new that grows an interest or a skill). A referral climbs from suggested to
retained; the outcomes that matter are linkage with care and staying in it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from sbcm_tui.core import casework
from sbcm_tui.core.case import Case, Referral, ReferralStatus, Resource, ResourceKind
from sbcm_tui.core.dates import format_date
from sbcm_tui.tui.panes.base import CaseContext, StepPane
from sbcm_tui.tui.panes.listing import highlighted_id, highlighted_item, refill
from sbcm_tui.tui.widgets.field import Field

KIND_CHOICES = [
    (Text("Formal: an agency, programme or benefit"), ResourceKind.FORMAL),
    (Text("Informal: family, friends, neighbours, groups"), ResourceKind.INFORMAL),
    (Text("Created: something new, built together"), ResourceKind.CREATED),
]
LADDER_LEGEND = "suggested › referred › contacted › linked › retained"


# --- plain helpers (no screen needed) ---------------------------------------------------------


def resource_name(case: Case, resource_id: str) -> str:
    """A resource's name, or a plain stand-in if it has gone."""
    return next((r.name for r in case.resources if r.id == resource_id), "(a removed resource)")


def resource_prompt(resource: Resource) -> Text:
    """A resource as a list line: name, kind, and how to reach it."""
    line = Text(resource.name, style="bold")
    line.append(f" · {resource.kind.value}", style="dim")
    if resource.how_to_reach:
        line.append(f"\n  {resource.how_to_reach}", style="dim")
    return line


def rungs(status: ReferralStatus) -> str:
    """How far up the ladder, at a glance: ●●●○○ for contacted; ✗ for declined."""
    if status not in casework.LADDER:
        return "✗"
    reached = casework.LADDER.index(status) + 1
    return "●" * reached + "○" * (len(casework.LADDER) - reached)


def referral_prompt(case: Case, referral: Referral) -> Text:
    """A referral as a list line: where to, what for, and how far up the ladder."""
    line = Text(resource_name(case, referral.resource_id), style="bold")
    if referral.purpose:
        line.append(" · ")
        line.append(referral.purpose)
    since = referral.history[-1].on
    line.append(f"\n  {rungs(referral.status)} ", style="dim")
    line.append(referral.status.value, style="bold")
    line.append(f" since {format_date(since)}", style="dim")
    days = referral.days_to_linkage()
    if days is not None:
        unit = "day" if days == 1 else "days"
        line.append(f" · linked in {days} {unit}", style="dim")
    return line


def objective_choices(case: Case) -> list[tuple[Text, str]]:
    """Open objectives a referral can serve, for a Select."""
    return [(Text(o.text[:60]), o.id) for o in case.objectives() if o.is_open]


# --- the pane ---------------------------------------------------------------------------------


class LinkagePane(StepPane):
    """Resources in the client's community, and referrals to them moved up the linkage ladder."""

    DEFAULT_CSS = """
    LinkagePane > * { max-width: 100; }
    LinkagePane #resources, LinkagePane #referrals {
        height: auto; max-height: 14; border: none; padding: 0;
    }
    LinkagePane .link-form { height: auto; display: none; padding: 0 0 1 1; }
    LinkagePane .link-form.-open { display: block; }
    LinkagePane #ladder { color: $accent; }
    """
    BINDINGS = [
        Binding("a", "add_resource", "Add resource", id="linkage.add",
                tooltip="Add a person, place or service to the client's resources"),
        Binding("e", "edit_resource", "Edit", id="linkage.edit",
                tooltip="Change the highlighted resource"),
        Binding("r", "refer", "Refer", id="linkage.refer",
                tooltip="Refer the client to the highlighted resource"),
        Binding(">", "advance", "Up the ladder", id="linkage.advance",
                tooltip="Move the highlighted referral one rung up, dated today"),
        Binding("+", "advance", "Up the ladder", id="linkage.advance_plus", show=False),
        Binding("D", "decline", "Declined", id="linkage.decline",
                tooltip="The client declined this referral"),
        Binding("escape", "leave", "Leave field", id="linkage.leave", show=False),
    ]  # fmt: skip

    def __init__(self, ctx: CaseContext, *, id: str | None = None) -> None:
        super().__init__(ctx, id=id)
        self._editing: Resource | None = None  # None: the resource form adds a new one
        self._referring: Resource | None = None  # the resource the referral form is for

    def compose(self) -> ComposeResult:
        contact, step = self.ctx.contact, self.ctx.step
        if step is not None and contact is not None:
            yield Static(step.purpose, classes="step-purpose", markup=False)
        yield Static("Resources", classes="section-title")
        yield Static("a adds · e edits · r refers the client to one", classes="hint")
        yield OptionList(id="resources")
        with Vertical(id="resource-form", classes="link-form"):
            yield Static("", id="resource-title", classes="hint")
            yield Field(placeholder="Name (a service, a person, a place)", id="resource-name")
            yield Select(KIND_CHOICES, value=ResourceKind.FORMAL, allow_blank=False,
                         id="resource-kind")  # fmt: skip
            yield Field(placeholder="How to reach them (optional)", id="resource-reach")
            yield Static("Enter saves · Escape cancels", id="resource-check", classes="hint",
                         markup=False)  # fmt: skip
        yield Static("Referrals", classes="section-title")
        yield Static(LADDER_LEGEND, id="ladder")
        yield Static("> moves the highlighted one up a rung · D declined", classes="hint")
        yield OptionList(id="referrals")
        with Vertical(id="referral-form", classes="link-form"):
            yield Static("", id="referral-title", markup=False)
            yield Field(placeholder="What for? (optional)", id="referral-purpose")
            yield Select([], prompt="Not tied to an objective", id="referral-objective")
            yield Static("Enter saves it as suggested · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self, resource_id: str | None = None, referral_id: str | None = None) -> None:
        """Fill both lists from the model, highlighting the given items when named."""
        case = self.case
        resources = [Option(resource_prompt(r), id=r.id) for r in case.resources]
        if not resources:
            resources = [Option(Text("None yet: press a to add one.", style="dim"), disabled=True)]
        refill(self.query_one("#resources", OptionList), resources, resource_id)
        referrals = [Option(referral_prompt(case, r), id=r.id) for r in case.referrals]
        if not referrals:
            empty = Text("None yet: pick a resource and press r.", style="dim")
            referrals = [Option(empty, disabled=True)]
        refill(self.query_one("#referrals", OptionList), referrals, referral_id)

    # --- which actions apply where -------------------------------------------------------

    def _open_form(self) -> Vertical | None:
        # (The forms are the pane's own children: asked on every key's check, a query of the
        # whole pane was most of a step move's binding checks.)
        forms = self.query_children(".link-form").results(Vertical)
        return next((f for f in forms if f.has_class("-open")), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.screen.focused
        if action == "edit_resource":
            resources = self.query_one("#resources", OptionList)
            return focused is resources and highlighted_id(resources) is not None
        # Referring and the ladder have one list each to act on: they work from anywhere in
        # the step (not only once that list has the focus), on its highlighted line.
        if action == "refer":
            resources = self.query_one("#resources", OptionList)
            return self._not_typing() and highlighted_id(resources) is not None
        if action in ("advance", "decline"):
            referrals = self.query_one("#referrals", OptionList)
            return self._not_typing() and highlighted_id(referrals) is not None
        if action == "leave":
            return self.escape_leaves(self._open_form() is not None)
        return True

    def _not_typing(self) -> bool:
        """No form open and no text field focused (where these letters are words)."""
        return self._open_form() is None and not isinstance(self.screen.focused, Input | TextArea)

    def _show(self, form_id: str) -> None:
        open_form = self._open_form()
        if open_form is not None:
            open_form.remove_class("-open")
        self.open_inline_form(self.query_one(f"#{form_id}", Vertical))

    def action_leave(self) -> None:
        form = self._open_form()
        target = "#referrals" if form is not None and form.id == "referral-form" else "#resources"
        if form is not None:
            form.remove_class("-open")
        self.query_one(target, OptionList).focus()

    # --- resources -----------------------------------------------------------------------

    def _selected_resource(self) -> Resource | None:
        return highlighted_item(self.query_one("#resources", OptionList), self.case.resources)

    def action_add_resource(self) -> None:
        self._editing = None
        self.query_one("#resource-title", Static).update("New resource")
        self.query_one("#resource-name", Input).value = ""
        self.query_one("#resource-kind", Select).value = ResourceKind.FORMAL
        self.query_one("#resource-reach", Input).value = ""
        self._show("resource-form")

    def action_edit_resource(self) -> None:
        resource = self._selected_resource()
        if resource is None:
            return
        self._editing = resource
        self.query_one("#resource-title", Static).update("Edit resource")
        self.query_one("#resource-name", Input).value = resource.name
        self.query_one("#resource-kind", Select).value = resource.kind
        self.query_one("#resource-reach", Input).value = resource.how_to_reach or ""
        self._show("resource-form")

    @on(Input.Submitted, "#resource-name, #resource-reach")
    def _save_resource(self) -> None:
        name = self.query_one("#resource-name", Input)
        if not name.value.strip():
            self.query_one("#resource-check", Static).update("A resource needs a name.")
            name.focus()
            return
        kind = self.query_one("#resource-kind", Select).value
        reach = self.query_one("#resource-reach", Input).value.strip() or None
        resource = casework.keep_resource(
            self.case,
            name=name.value.strip(),
            kind=kind if isinstance(kind, ResourceKind) else ResourceKind.FORMAL,
            how_to_reach=reach,
            resource=self._editing,
        )
        self.changed()
        self.query_one("#resource-check", Static).update("Enter saves · Escape cancels")
        self.query_one("#resource-form").remove_class("-open")
        self.refresh_view(resource_id=resource.id)
        self.query_one("#resources", OptionList).focus()

    # --- referrals -----------------------------------------------------------------------

    def action_refer(self) -> None:
        resource = self._selected_resource()
        if resource is None:
            return
        self._referring = resource
        title = self.query_one("#referral-title", Static)
        title.update(Text.assemble("Refer the client to ", (resource.name, "bold")))
        self.query_one("#referral-purpose", Input).value = ""
        self.query_one("#referral-objective", Select).set_options(objective_choices(self.case))
        self._show("referral-form")

    @on(Input.Submitted, "#referral-purpose")
    def _save_referral(self, event: Input.Submitted) -> None:
        resource = self._referring
        if resource is None:
            return
        objective = self.query_one("#referral-objective", Select).value
        referral = casework.refer(
            self.case,
            resource.id,
            event.value.strip() or None,
            objective if isinstance(objective, str) else None,
            self.ctx.today,
            self.ctx.contact_number,
        )
        self.changed()
        self.query_one("#referral-form").remove_class("-open")
        self.refresh_view(referral_id=referral.id)
        self.query_one("#referrals", OptionList).focus()

    def _selected_referral(self) -> Referral | None:
        return highlighted_item(self.query_one("#referrals", OptionList), self.case.referrals)

    def action_advance(self) -> None:
        referral = self._selected_referral()
        if referral is None:
            return
        if referral.status is ReferralStatus.RETAINED:
            self.notify("Retained is the top of the ladder.", markup=False)
            return
        casework.advance_referral(referral, self.ctx.today, self.ctx.contact_number)
        self.changed()
        self.refresh_view()

    def action_decline(self) -> None:
        referral = self._selected_referral()
        if referral is None:
            return
        casework.set_referral_status(
            referral, ReferralStatus.DECLINED, self.ctx.today, self.ctx.contact_number
        )
        self.changed()
        self.refresh_view()
