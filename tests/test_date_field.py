"""The date field: quick forms understood as typed, a quiet hint, and nothing typed ever lost."""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from sbcm_tui.tui.widgets.date_field import DateField, DateInput, date_hint, read_date

TODAY = date(2026, 11, 25)  # a Wednesday


class DateHost(App[None]):
    """One DateInput, and a record of every DateChanged it posts."""

    def __init__(self, value: date | None = None) -> None:
        super().__init__()
        self.value = value
        self.changes: list[date | None] = []
        self.submitted: list[str] = []

    def compose(self) -> ComposeResult:
        yield DateInput(self.value, today=TODAY, id="due")

    def on_date_field_date_changed(self, event: DateField.DateChanged) -> None:
        self.changes.append(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submitted.append(event.value)


def hint_of(app: App) -> Static:
    return app.screen.query_one("#due .date-hint", Static)


async def test_valid_quick_form_shows_the_understood_date() -> None:
    app = DateHost()
    async with app.run_test(size=(60, 10)) as pilot:
        field = app.screen.query_one(DateInput)
        field.field.focus()
        await pilot.press("+", "2", "w")
        await pilot.pause()
        assert field.value_date == TODAY + timedelta(weeks=2)
        assert field.is_valid and field.field.is_valid
        assert field.hint_text == "→ Wed 9 Dec 2026, in 2 weeks"
        assert str(hint_of(app).content) == "→ Wed 9 Dec 2026, in 2 weeks"
        assert not hint_of(app).has_class("-error")
        await pilot.press("enter")
        assert app.submitted == ["+2w"]


async def test_invalid_text_is_kept_with_the_reason_shown() -> None:
    app = DateHost()
    async with app.run_test(size=(60, 10)) as pilot:
        field = app.screen.query_one(DateInput)
        field.field.focus()
        await pilot.press(*"31/31")
        await pilot.pause()
        assert field.field.value == "31/31"
        assert field.value_date is None
        assert not field.is_valid
        assert not field.field.is_valid
        assert field.field.has_class("-invalid")
        assert "no month 31" in str(hint_of(app).content)
        assert hint_of(app).has_class("-error")
        # Fixing it in place: the hint follows, the red goes.
        await pilot.press(*["backspace"] * 5, *"fri")
        await pilot.pause()
        assert field.value_date == date(2026, 11, 27)
        assert field.is_valid and not field.field.has_class("-invalid")
        assert str(hint_of(app).content) == "→ Fri 27 Nov 2026, in 2 days"


async def test_empty_means_no_date_and_is_valid() -> None:
    app = DateHost(date(2026, 12, 1))
    async with app.run_test(size=(60, 10)) as pilot:
        field = app.screen.query_one(DateInput)
        assert field.field.value == "2026-12-01"
        assert field.hint_text.startswith("→ Tue 1 Dec 2026")
        field.field.focus()
        await pilot.press("ctrl+a", "ctrl+k")  # to the start, delete the rest
        await pilot.press("space")  # spaces alone are still "no date"
        await pilot.pause()
        assert field.value_date is None
        assert field.is_valid and field.field.is_valid
        assert str(hint_of(app).content) == ""
        assert app.changes == [None]


async def test_date_changed_only_when_the_understood_date_changes() -> None:
    app = DateHost()
    async with app.run_test(size=(60, 10)) as pilot:
        field = app.screen.query_one(DateInput)
        field.field.focus()
        await pilot.press(*"tomorrow")  # "t", "to", ... are not dates: no message until the end
        await pilot.pause()
        assert app.changes == [TODAY + timedelta(days=1)]
        await pilot.press("backspace")  # "tomorro": no longer a date
        await pilot.pause()
        assert app.changes == [TODAY + timedelta(days=1), None]
        field.set_date(date(2027, 1, 4))
        await pilot.pause()
        assert field.field.value == "2027-01-04"
        assert app.changes[-1] == date(2027, 1, 4)
        field.set_date(date(2027, 1, 4))  # the same date again: no new message
        await pilot.pause()
        assert len(app.changes) == 3


async def test_a_date_field_alone_works_without_the_hint_line() -> None:
    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield DateField(today=TODAY, id="bare")

    app = Bare()
    async with app.run_test(size=(60, 6)) as pilot:
        field = app.screen.query_one(DateField)
        field.focus()
        await pilot.press(*"next fri")
        await pilot.pause()
        assert field.value_date == date(2026, 12, 4)
        assert field.hint == "→ Fri 4 Dec 2026, in 9 days"
        assert field.error is None


def test_read_date_and_hint_words() -> None:
    assert read_date("", TODAY) == (None, None)
    assert read_date("  ", TODAY) == (None, None)
    assert read_date("2026-12-01", TODAY) == (date(2026, 12, 1), None)
    day, error = read_date("[/x] soon", TODAY)
    assert day is None and error
    assert date_hint(TODAY, TODAY) == "→ Wed 25 Nov 2026, today"
    assert date_hint(TODAY - timedelta(days=3), TODAY) == "→ Sun 22 Nov 2026, 3 days ago"
    assert date_hint(TODAY - timedelta(days=1), TODAY).endswith("yesterday")
