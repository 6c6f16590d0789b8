"""The client-facts table: every field of a client is in it, and each fact reads, keeps and
shows what a worker types, refusing what the model refuses with a sentence and no change."""

from __future__ import annotations

from datetime import date

import pytest

from sbcm_tui.core.case import Client
from sbcm_tui.core.client_facts import (
    CLIENT_FACTS,
    FactError,
    Surface,
    facts_on,
    new_client,
    shown_facts,
    write_fact,
)

TODAY = date(2026, 11, 25)
COVERS = {"age": {"age", "birth_date"}}
"""Facts that keep more than one field (an age, or a birth date)."""


def test_every_client_field_is_a_fact() -> None:
    covered = set().union(*(COVERS.get(f.key, {f.key}) for f in CLIENT_FACTS))
    assert covered == set(Client.model_fields)


def test_the_new_case_form_asks_for_the_name_first() -> None:
    assert facts_on(Surface.NEW_CASE)[0].key == "preferred_name"
    assert [f.key for f in CLIENT_FACTS if f.required] == ["preferred_name"]


@pytest.mark.parametrize(
    ("key", "typed", "read"),
    [
        ("preferred_name", "  Jo  ", "Jo"),
        ("pronouns", "they/them", "they/them"),
        ("pronouns", "", ""),
        ("age", "34", "34"),
        ("age", "1990-04-12", "1990-04-12"),
        ("medical_conditions", "Asthma; ; diabetes ", "Asthma; diabetes"),
        ("reading_level", "some_difficulty", "some_difficulty"),
        ("reading_level", "", ""),
        ("how_to_reach", "Text after 4", "Text after 4"),
    ],
)
def test_what_is_typed_is_kept_and_read_back(key: str, typed: str, read: str) -> None:
    client = Client(preferred_name="Ana")
    write_fact(client, key, typed, TODAY)
    assert next(f for f in CLIENT_FACTS if f.key == key).read(client) == read


@pytest.mark.parametrize(
    ("key", "typed", "said"),
    [
        ("preferred_name", "   ", "cannot be empty"),
        ("preferred_name", "x" * 201, "at most 200"),
        ("age", "131", "at most 130"),
        ("age", "next tuesday-ish", r"an age \(34\) or a birth date"),
        ("age", "2027-01-01", "future"),
    ],
)
def test_what_the_model_refuses_is_said_and_changes_nothing(key, typed, said) -> None:
    client = Client(preferred_name="Ana", age=40)
    before = client.model_dump()
    with pytest.raises(FactError, match=said):
        write_fact(client, key, typed, TODAY)
    assert client.model_dump() == before


def test_a_new_client_names_the_fact_that_is_wrong() -> None:
    with pytest.raises(FactError) as caught:
        new_client({"preferred_name": "Jo", "age": "200"}, TODAY)
    message, key = caught.value.args
    assert key == "age" and message.startswith("Age or birth date:")
    with pytest.raises(FactError) as caught:
        new_client({"preferred_name": " "}, TODAY)
    assert caught.value.args[1] == "preferred_name"
    client = new_client({"preferred_name": "Jo", "medical_conditions": "Asthma"}, TODAY)
    assert client.preferred_name == "Jo" and client.medical_conditions == ["Asthma"]


def test_a_reader_sees_the_age_from_the_birth_date_and_every_field_in_the_record() -> None:
    client = Client(preferred_name="Lee", birth_date=date(1990, 11, 26), age=30)
    staffing = {f.label: f.text for f in shown_facts(client, TODAY, Surface.STAFFING)}
    assert staffing["Age"] == "35 (born Mon 26 Nov 1990)"
    record = {f.label: f.text for f in shown_facts(client, TODAY, Surface.RECORD)}
    assert record["Age recorded"] == "30" and record["Birth date"] == "Mon 26 Nov 1990"
