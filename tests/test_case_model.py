"""The case model's rules: what it accepts, what it refuses, and what it never reveals."""

from __future__ import annotations

import copy
import json
import math
import types
import typing
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from sbcm_tui.core.case import (
    SCHEMA_VERSION,
    Barrier,
    Case,
    Client,
    Contact,
    Goal,
    NonStrength,
    NonStrengthKind,
    Objective,
    ObjectiveStatus,
    PlanReview,
    Referral,
    ReferralStatus,
    ReferralStep,
    Resource,
    ReviewStatus,
    Strategy,
    Task,
)
from sbcm_tui.files.casefile import CaseFileError, CaseFormat, ProblemKind, dump_case, load_case

GOLDEN_JSON = Path(__file__).parent / "golden" / f"v{SCHEMA_VERSION}.json"
"""The golden file of the current schema: the richest case, reaching every model."""
MARKER = "QZX-client-words-7731"
"""Stands in for client text: it must never appear in an error message."""


def _client(**fields: Any) -> Client:
    return Client(preferred_name="Ana", **fields)


def _case(**fields: Any) -> Case:
    fields.setdefault("client", _client())
    return Case(**fields)


def _rich() -> dict[str, Any]:
    """A fresh copy of the golden case as plain data (it holds every part of the model)."""
    return json.loads(GOLDEN_JSON.read_bytes())


def _rich_with_practice() -> dict[str, Any]:
    """The golden case with a role-play transcript on its last contact: the golden files
    predate practice mode (and stay byte-identical), so they hold no practice lines."""
    data = _rich()
    data["contacts"][-1]["practice_lines"] = [
        {"speaker": "worker", "text": "What do you do for fun?", "suggested": "open_question"},
        {"speaker": "client", "text": "Fix bikes.", "topic": "leisure", "revealed": ["leisure"]},
    ]
    return data


def _refusal(data: dict[str, Any], fmt: CaseFormat = CaseFormat.JSON) -> CaseFileError:
    if fmt is CaseFormat.JSON:
        raw = json.dumps(data).encode()
    else:
        import tomli_w

        raw = tomli_w.dumps(data).encode()
    with pytest.raises(CaseFileError) as caught:
        load_case(raw, fmt, "case.file", check_seal=False)
    return caught.value


# --- the shape of the model -------------------------------------------------------------------


def _unwrap(tp: Any) -> Iterator[Any]:
    """Every type named inside ``tp`` (through Annotated, unions, lists), ``tp`` included."""
    yield tp
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        yield from _unwrap(typing.get_args(tp)[0])
    elif origin is not None and origin is not typing.Literal:
        for arg in typing.get_args(tp):
            yield from _unwrap(arg)


def _admits_none(tp: Any) -> bool:
    if tp is type(None) or tp is None:
        return True
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _admits_none(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_admits_none(arg) for arg in typing.get_args(tp))
    if origin is typing.Literal:
        return None in typing.get_args(tp)
    return tp is Any or tp is object


def _models() -> list[type[BaseModel]]:
    """Every pydantic model reachable from Case through its fields."""
    seen: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = [Case]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.append(model)
        for info in model.model_fields.values():
            for tp in _unwrap(info.annotation):
                if isinstance(tp, type) and issubclass(tp, BaseModel):
                    todo.append(tp)
    return seen


MODELS = _models()


def test_the_walk_finds_every_part_of_a_case() -> None:
    names = {m.__name__ for m in MODELS}
    assert {
        "Case",
        "Client",
        "Consent",
        "Strength",
        "NonStrength",
        "Goal",
        "Objective",
        "Strategy",
        "Barrier",
        "Resource",
        "Referral",
        "ReferralStep",
        "Task",
        "Contact",
        "PlanReview",
        "Disengagement",
    } <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_optional_field_defaults_to_none(model: type[BaseModel]) -> None:
    # A None saved for a field whose default is something else would reload as that default.
    for name, info in model.model_fields.items():
        if _admits_none(info.annotation):
            assert info.default_factory is None, f"{model.__name__}.{name}"
            assert info.default is None, f"{model.__name__}.{name}"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_no_list_holds_none(model: type[BaseModel]) -> None:
    # tomli-w cannot write None inside a list, and exclude_none does not reach into lists.
    for name, info in model.model_fields.items():
        for tp in _unwrap(info.annotation):
            if typing.get_origin(tp) is list:
                (item,) = typing.get_args(tp)
                assert not _admits_none(item), f"{model.__name__}.{name}"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_is_strict_and_discreet(model: type[BaseModel]) -> None:
    config = model.model_config
    assert config.get("extra") == "forbid"
    assert config.get("allow_inf_nan") is False
    assert config.get("hide_input_in_errors") is True


# --- unknown keys -----------------------------------------------------------------------------


def _tables(node: Any, path: tuple[int | str, ...] = ()) -> Iterator[tuple[int | str, ...]]:
    """The path of every object (table) in plain case data."""
    if isinstance(node, dict):
        yield path
        for key, value in node.items():
            yield from _tables(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _tables(value, (*path, i))


def _where(path: tuple[int | str, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_at(path: tuple[int | str, ...]) -> type[BaseModel]:
    model: Any = Case
    for part in path:
        if isinstance(part, int):
            continue
        for tp in _unwrap(model.model_fields[part].annotation):
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                model = tp
                break
    return model


def test_the_golden_case_reaches_every_model() -> None:
    assert {_model_at(p) for p in _tables(_rich_with_practice())} == set(MODELS)


@pytest.mark.parametrize("fmt", list(CaseFormat), ids=lambda f: f.value)
def test_unknown_keys_are_refused_at_every_level(fmt: CaseFormat) -> None:
    paths = list(_tables(_rich_with_practice()))
    assert len(paths) > 30
    for path in paths:
        data = _rich_with_practice()
        table = data
        for part in path:
            table = table[part]
        table["written_by_a_newer_sbcm"] = "some words"
        error = _refusal(data, fmt)
        assert error.kind is ProblemKind.INVALID
        where = _where((*path, "written_by_a_newer_sbcm"))
        assert [p.where for p in error.problems] == [where]
        assert error.problems[0].what == "Extra inputs are not permitted"


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize("level", [-2, -1, 0, 1, 2])
def test_gas_level_within_minus_two_to_two(level: int) -> None:
    assert Objective(text="x", gas_level=level).gas_level == level


@pytest.mark.parametrize("level", [-3, 3, 100, -(2**70)])
def test_gas_level_outside_minus_two_to_two_is_refused(level: int) -> None:
    with pytest.raises(ValidationError):
        Objective(text="x", gas_level=level)


@pytest.mark.parametrize(
    ("model", "field", "good", "bad"),
    [
        (Client, "age", [0, 130], [-1, 131]),
        (Contact, "minutes", [0, 24 * 60], [-1, 24 * 60 + 1]),
        (Contact, "number", [1, 2**63 - 1], [0, -1]),
        (Task, "contact", [1], [0]),
        (Case, "revision", [0, 2**63 - 1], [-1]),
    ],
)
def test_integer_bounds(
    model: type[BaseModel], field: str, good: list[int], bad: list[int]
) -> None:
    required: dict[type[BaseModel], dict[str, Any]] = {
        Client: {"preferred_name": "Ana"},
        Contact: {"number": 1, "on": date(2024, 1, 1)},
        Task: {"text": "x"},
        Case: {"client": _client()},
    }
    for value in good:
        assert getattr(model(**{**required[model], field: value}), field) == value
    for value in bad:
        with pytest.raises(ValidationError):
            model(**{**required[model], field: value})


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize(
    ("path", "field"),
    [
        (("goals", 0, "objectives", 0), "gas_level"),
        (("client",), "age"),
        (("contacts", 0), "minutes"),
        (("contacts", 0), "number"),
        (("tasks", 0), "contact"),
        ((), "revision"),
    ],
)
def test_nan_and_infinity_are_refused_where_a_whole_number_is_expected(
    path: tuple[int | str, ...], field: str, value: float
) -> None:
    data = _rich()
    table = data
    for part in path:
        table = table[part]
    table[field] = value
    with pytest.raises(ValidationError):
        Case.model_validate(data)
    # And through the TOML file format, which has nan and inf literals.
    error = _refusal(data, CaseFormat.TOML)
    assert [p.where for p in error.problems] == [_where((*path, field))]


def test_nan_and_infinity_in_a_json_file_are_refused() -> None:
    for literal in (b"NaN", b"Infinity", b"-Infinity", b"1e999"):
        raw = b'{"schema_version": 1, "client": {"preferred_name": "A", "age": ' + literal + b"}}"
        with pytest.raises(CaseFileError) as caught:
            load_case(raw, CaseFormat.JSON, "x")
        assert [p.where for p in caught.value.problems] == ["client.age"]


def test_a_whole_float_is_taken_as_an_int_and_saved_as_one() -> None:
    objective = Objective(text="x", gas_level=1.0)
    assert objective.gas_level == 1 and type(objective.gas_level) is int
    with pytest.raises(ValidationError):
        Objective(text="x", gas_level=1.5)


# --- datetimes --------------------------------------------------------------------------------


def test_a_naive_datetime_is_taken_as_utc() -> None:
    case = _case(created_at=datetime(2024, 5, 1, 12, 30))
    assert case.created_at == datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    assert case.created_at.tzinfo is UTC


@pytest.mark.parametrize(
    "zone",
    [
        timezone(timedelta(hours=5, minutes=30)),
        timezone(timedelta(hours=-9, minutes=-30)),
        timezone(timedelta(hours=13, minutes=45)),
        timezone(timedelta(minutes=19, seconds=32, microseconds=13)),  # a historic oddity
    ],
)
def test_an_aware_datetime_is_converted_to_utc(zone: timezone) -> None:
    moment = datetime(2024, 5, 1, 12, 30, tzinfo=zone)
    offset = moment.utcoffset() or timedelta(0)
    # As text too (as a JSON file gives it), where the offset can be written as ±HH:MM.
    as_text = moment.isoformat() if offset % timedelta(minutes=1) == timedelta(0) else moment
    case = _case(created_at=moment, updated_at=as_text)
    for value in (case.created_at, case.updated_at):
        assert value == moment
        assert value.tzinfo is UTC
        assert value.utcoffset() == timedelta(0)


def test_a_moment_that_falls_outside_the_calendar_in_utc_is_refused_not_a_crash() -> None:
    # 0001-01-01 00:00 at +01:00 is before year 1 in UTC; it used to escape as OverflowError.
    for text in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:30:00-01:00"):
        raw = f'schema_version = 1\ncreated_at = {text}\n[client]\npreferred_name = "A"\n'
        with pytest.raises(CaseFileError) as caught:
            load_case(raw.encode(), CaseFormat.TOML, "x", check_seal=False)
        assert caught.value.kind is ProblemKind.INVALID
        assert [p.where for p in caught.value.problems] == ["created_at"]


# --- text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("one\r\ntwo", "one\ntwo"),
        ("one\rtwo", "one\ntwo"),
        ("a\r\n\r\nb\r", "a\n\nb\n"),
        ("\r\r\n", "\n\n"),
    ],
)
def test_crlf_and_lone_cr_become_lf(given: str, stored: str) -> None:
    case = _case(
        worker=given,
        client=_client(pronouns=given, medical_conditions=[given]),
        contacts=[Contact(number=1, on=date(2024, 1, 1), notes=given)],
    )
    assert case.worker == stored
    assert case.client.pronouns == stored
    assert case.client.medical_conditions == [stored]
    assert case.contacts[0].notes == stored
    assert Client(preferred_name=given).preferred_name == stored


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("a\ud800b", "a\ufffdb"),
        ("\udfff", "\ufffd"),
        ("x\udc00\ud800", "x\ufffd\ufffd"),
        ("ok \U0001f600", "ok \U0001f600"),
    ],
)
def test_lone_surrogates_become_replacement_characters(given: str, stored: str) -> None:
    case = _case(worker=given, client=_client(medical_conditions=[given]))
    assert case.worker == stored
    assert case.client.medical_conditions == [stored]
    # And the case can be saved and read back in both formats.
    for fmt in CaseFormat:
        assert load_case(dump_case(case, fmt), fmt, "x").worker == stored


def test_text_longer_than_the_limit_is_refused() -> None:
    assert len(_case(worker="w" * 100_000).worker or "") == 100_000
    with pytest.raises(ValidationError):
        _case(worker="w" * 100_001)
    with pytest.raises(ValidationError):
        Client(preferred_name="n" * 201)
    with pytest.raises(ValidationError):
        Client(preferred_name="")


# --- errors never echo client text ----------------------------------------------------------


def _with(path: tuple[int | str, ...], field: str, value: Any) -> dict[str, Any]:
    data = _rich()
    table = data
    for part in path:
        table = table[part]
    table[field] = value
    return data


BAD_VALUES = [
    # wrong type
    (("client",), "age", MARKER),
    (("client",), "birth_date", MARKER),
    (("client",), "preferred_name", [MARKER]),
    (("client",), "preferred_name", {"words": MARKER}),
    (("client",), "medical_conditions", MARKER),
    (("contacts", 0), "on", f"2024-01-01 {MARKER}"),
    ((), "created_at", MARKER),
    ((), "practice", MARKER),
    ((), "disengagement", MARKER),
    # right type, invalid value
    ((), "id", MARKER),
    (("goals", 0), "id", f"g {MARKER}"),
    ((), "status", MARKER),
    (("client",), "reading_level", MARKER),
    (("contacts", 3, "plan_reviews", 0), "item", MARKER),
    (("strengths", 0), "domain", MARKER),
    (("client",), "preferred_name", MARKER * 20),
    (("client",), "preferred_name", ""),
    ((), "worker", MARKER * 10_000),
    # a reference to something that does not exist (a valid id, so the marker is one too)
    (("barriers", 0), "objective_id", MARKER),
    (("referrals", 0), "resource_id", MARKER),
    (("contacts", 3, "plan_reviews", 0), "item_id", MARKER),
]
REFERENCES = {"objective_id", "resource_id", "item_id"}


@pytest.mark.parametrize("fmt", list(CaseFormat), ids=lambda f: f.value)
@pytest.mark.parametrize(("path", "field", "value"), BAD_VALUES)
def test_errors_never_contain_the_client_text_given(
    path: tuple[int | str, ...], field: str, value: Any, fmt: CaseFormat
) -> None:
    data = _with(path, field, value)
    second = "case.file: client.language: Input should be a valid string"
    if field not in REFERENCES:
        # A second bad value in the same file: every problem is reported, none quoted. (The
        # cross-references are checked only once every field is valid, so not with these.)
        data["client"]["language"] = [f"{MARKER} second"]
    error = _refusal(data, fmt)
    assert error.kind is ProblemKind.INVALID
    text = "\n".join([str(error), *error.lines(), *(p.what for p in error.problems)])
    assert MARKER not in text
    assert "input_value" not in text
    assert (second in error.lines()) is (field not in REFERENCES)
    where = f"case.file: {_where((*path, field))}"
    assert any(line.startswith(where) for line in error.lines()), error.lines()
    # pydantic's own error, as other code might print it, hides the input as well.
    with pytest.raises(ValidationError) as caught:
        Case.model_validate(data)
    assert MARKER not in str(caught.value)
    assert MARKER not in repr(caught.value.errors(include_input=False))


def test_consent_cannot_end_before_it_starts() -> None:
    data = _rich()
    data["consents"][0]["starts"] = "2024-02-02"
    data["consents"][0]["ends"] = "2024-02-01"
    error = _refusal(data)
    assert [(p.where, p.what) for p in error.problems] == [
        ("consents[0]", "a consent cannot end before it starts")
    ]


# --- references -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "field", "where"),
    [
        (("barriers", 0), "objective_id", "barriers[0].objective_id"),
        (("referrals", 0), "resource_id", "referrals[0].resource_id"),
        (("referrals", 1), "objective_id", "referrals[1].objective_id"),
        (
            ("contacts", 3, "plan_reviews", 1),
            "item_id",
            "contacts[3].plan_reviews[1].item_id",
        ),
    ],
)
def test_a_reference_to_nothing_is_refused(
    path: tuple[int | str, ...], field: str, where: str
) -> None:
    error = _refusal(_with(path, field, "nothing-by-this-id"))
    assert error.kind is ProblemKind.INVALID
    assert [p.where for p in error.problems] == [where]
    assert error.problems[0].what.startswith("names no ")


def test_a_barrier_naming_an_unknown_objective_is_refused() -> None:
    with pytest.raises(ValidationError):
        _case(barriers=[Barrier(text="bus fare", objective_id="o-missing")])
    raw = dump_case(_case(), CaseFormat.JSON)
    data = json.loads(raw)
    data["barriers"] = [{"text": "bus fare", "objective_id": "o-missing"}]
    with pytest.raises(CaseFileError) as caught:
        load_case(json.dumps(data).encode(), CaseFormat.JSON, "x")
    assert [(p.where, p.what) for p in caught.value.problems] == [
        ("barriers[0].objective_id", "names no objective of this case")
    ]


def test_a_plan_review_must_name_the_right_kind_of_item() -> None:
    goal = Goal(
        words="home",
        objectives=[Objective(id="o1", text="apply", strategies=[Strategy(id="s1", step="go")])],
    )
    review = {"status": ReviewStatus.DONE}
    contact = Contact(
        number=1,
        on=date(2024, 1, 1),
        plan_reviews=[
            PlanReview(item_id="o1", item="objective", **review),
            PlanReview(item_id="s1", item="strategy", **review),
        ],
    )
    _case(goals=[goal], contacts=[contact])
    for item_id, item in (("s1", "objective"), ("o1", "strategy")):
        wrong = contact.model_copy(
            update={"plan_reviews": [PlanReview(item_id=item_id, item=item, **review)]}
        )
        with pytest.raises(ValidationError):
            _case(goals=[goal], contacts=[wrong])


def test_a_valid_rich_case_has_no_problem() -> None:
    assert Case.model_validate(copy.deepcopy(_rich())).id == "c-golden-v1"


# --- queries --------------------------------------------------------------------------------


def _referral(*steps: tuple[ReferralStatus, date]) -> Referral:
    return Referral(resource_id="r1", history=[ReferralStep(status=s, on=on) for s, on in steps])


def test_referral_status_is_the_last_step() -> None:
    referral = _referral(
        (ReferralStatus.SUGGESTED, date(2024, 1, 1)),
        (ReferralStatus.REFERRED, date(2024, 1, 3)),
    )
    assert referral.status is ReferralStatus.REFERRED
    declined = _referral(
        (ReferralStatus.SUGGESTED, date(2024, 1, 1)), (ReferralStatus.DECLINED, date(2024, 1, 9))
    )
    assert declined.status is ReferralStatus.DECLINED


def test_referral_needs_at_least_one_step() -> None:
    with pytest.raises(ValidationError):
        Referral(resource_id="r1", history=[])


def test_days_to_linkage_counts_from_the_referral() -> None:
    referral = _referral(
        (ReferralStatus.SUGGESTED, date(2024, 1, 1)),
        (ReferralStatus.REFERRED, date(2024, 1, 5)),
        (ReferralStatus.CONTACTED, date(2024, 1, 10)),
        (ReferralStatus.LINKED, date(2024, 1, 19)),
        (ReferralStatus.RETAINED, date(2024, 3, 1)),
    )
    assert referral.days_to_linkage() == 14
    assert referral.reached(ReferralStatus.CONTACTED) == date(2024, 1, 10)
    assert referral.reached(ReferralStatus.DECLINED) is None


def test_days_to_linkage_without_a_referral_step_counts_from_the_first_step() -> None:
    referral = _referral(
        (ReferralStatus.SUGGESTED, date(2024, 1, 1)), (ReferralStatus.LINKED, date(2024, 2, 1))
    )
    assert referral.days_to_linkage() == 31
    same_day = _referral((ReferralStatus.LINKED, date(2024, 2, 1)))
    assert same_day.days_to_linkage() == 0


def test_days_to_linkage_is_none_until_linked() -> None:
    referral = _referral(
        (ReferralStatus.SUGGESTED, date(2024, 1, 1)),
        (ReferralStatus.REFERRED, date(2024, 1, 5)),
    )
    assert referral.days_to_linkage() is None


@pytest.mark.parametrize(
    ("status", "target", "overdue"),
    [
        (ObjectiveStatus.OPEN, date(2024, 5, 31), True),
        (ObjectiveStatus.IN_PROGRESS, date(2024, 5, 31), True),
        (ObjectiveStatus.REVISED, date(2024, 5, 31), True),
        (ObjectiveStatus.OPEN, date(2024, 6, 1), False),  # due today is not overdue
        (ObjectiveStatus.OPEN, date(2024, 6, 2), False),
        (ObjectiveStatus.OPEN, None, False),
        (ObjectiveStatus.ACHIEVED, date(2024, 5, 31), False),
        (ObjectiveStatus.DROPPED, date(2024, 5, 31), False),
    ],
)
def test_objective_is_overdue(status: ObjectiveStatus, target: date | None, overdue: bool) -> None:
    objective = Objective(text="x", status=status, target_date=target)
    assert objective.is_overdue(date(2024, 6, 1)) is overdue


@pytest.mark.parametrize(
    ("done", "due", "overdue"),
    [
        (False, date(2024, 5, 31), True),
        (False, date(2024, 6, 1), False),
        (False, None, False),
        (True, date(2024, 5, 31), False),
    ],
)
def test_task_is_overdue(done: bool, due: date | None, overdue: bool) -> None:
    assert Task(text="x", done=done, due=due).is_overdue(date(2024, 6, 1)) is overdue


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(1990, 6, 15), date(2024, 6, 14), 33),
        (date(1990, 6, 15), date(2024, 6, 15), 34),
        (date(1990, 6, 15), date(2024, 12, 31), 34),
        (date(1988, 2, 29), date(2024, 2, 28), 35),
        (date(1988, 2, 29), date(2024, 2, 29), 36),
        (date(1988, 2, 29), date(2023, 2, 28), 34),  # a leap-day birthday waits for March 1
        (date(1988, 2, 29), date(2023, 3, 1), 35),
        (date(2024, 1, 1), date(2024, 1, 1), 0),
    ],
)
def test_client_age_on_a_day_from_the_birth_date(birth: date, day: date, age: int) -> None:
    # The recorded age is ignored when a birth date is known.
    assert _client(birth_date=birth, age=99).age_on(day) == age


def test_client_age_on_falls_back_to_the_recorded_age() -> None:
    assert _client(age=41).age_on(date(2024, 1, 1)) == 41
    assert _client().age_on(date(2024, 1, 1)) is None


def test_open_safety_concerns() -> None:
    def note(kind: NonStrengthKind, is_open: bool) -> NonStrength:
        return NonStrength(kind=kind, note="n", noted_on=date(2024, 1, 1), open=is_open)

    suicidal = note(NonStrengthKind.SUICIDAL, True)
    harm = note(NonStrengthKind.HARM_TO_OTHERS, True)
    case = _case(
        non_strengths=[
            suicidal,
            note(NonStrengthKind.SUICIDAL, False),
            note(NonStrengthKind.PHYSICAL_HEALTH, True),
            note(NonStrengthKind.INTRINSIC_LIMITATION, True),
            note(NonStrengthKind.OTHER, True),
            harm,
            note(NonStrengthKind.HARM_TO_OTHERS, False),
        ]
    )
    assert case.open_safety_concerns() == [suicidal, harm]
    assert _case().open_safety_concerns() == []


def test_next_contact_number() -> None:
    assert _case().next_contact_number() == 1

    def contact(number: int, on: date) -> Contact:
        return Contact(number=number, on=on)

    # By number, not by list order or by date.
    case = _case(
        contacts=[
            contact(2, date(2024, 1, 8)),
            contact(3, date(2024, 1, 1)),
            contact(1, date(2024, 1, 15)),
        ]
    )
    assert case.next_contact_number() == 4
    assert case.last_contact() == contact(3, date(2024, 1, 1))


def test_objectives_are_listed_in_plan_order() -> None:
    goals = [
        Goal(words="a", objectives=[Objective(id="o1", text="1"), Objective(id="o2", text="2")]),
        Goal(words="b"),
        Goal(words="c", objectives=[Objective(id="o3", text="3")]),
    ]
    assert [o.id for o in _case(goals=goals).objectives()] == ["o1", "o2", "o3"]


def test_ids_are_generated_and_never_from_the_name() -> None:
    case = _case(client=Client(preferred_name="Ana Lopez"), resources=[Resource(name="Clinic")])
    assert case.id.startswith("c-") and "ana" not in case.id.lower()
    assert case.resources[0].id != _case(resources=[Resource(name="Clinic")]).resources[0].id
