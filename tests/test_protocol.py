"""The protocol as data: the shipped scripts and prompt bank load, and bad files say where."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from sbcm_tui.core.case import Slug
from sbcm_tui.core.protocol import DEFAULT_PROTOCOL, Protocol, StepKind
from sbcm_tui.files.protocols import (
    ProtocolError,
    available_protocols,
    load_prompt_bank,
    load_protocol,
)

KANSAS_DOMAINS = [
    "daily_living",
    "financial",
    "vocational_educational",
    "social_supports",
    "health",
    "leisure",
    "spirituality_culture",
]
CATEGORIES = ["general", "relationships", "internal_resources", "recovery"]

TINY = """\
name = "tiny"
title = "Tiny"
description = "Two contacts, for tests."
disengagement_from = 2
closes_at = 2

[[contacts]]
number = 1
title = "First"
aim = "Meet."
objectives = ["Meet the client."]

[[contacts.steps]]
id = "engagement"
kind = "engagement"
title = "Hello"
purpose = "Get to know each other."

[[contacts.steps]]
id = "summary"
kind = "summary"
title = "Wrap up"
purpose = "Agree on tasks."

[[contacts]]
number = 2
title = "Second"
aim = "Finish."
objectives = ["Close the work."]

[[contacts.steps]]
id = "disengagement"
kind = "disengagement"
title = "Closing"
purpose = "Close the work well."
"""

TINY_BANK = """\
[[domains]]
id = "health"
title = "Health"
hint = "Body and mind."

[[categories]]
id = "general"
title = "General strengths"

[[prompts]]
id = "health-care"
category = "general"
domain = "health"
text = "What do you do to look after yourself?"
"""


def write(tmp_path: Path, text: str, name: str = "script.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def protocol_error(path: Path) -> ProtocolError:
    with pytest.raises(ProtocolError) as caught:
        load_protocol(str(path))
    return caught.value


# --- the shipped protocols -----------------------------------------------------------------


def test_shipped_protocols_are_listed_without_the_prompt_bank() -> None:
    assert available_protocols() == ["brief-five", "long-term"]
    assert DEFAULT_PROTOCOL in available_protocols()


@pytest.mark.parametrize("name", ["brief-five", "long-term"])
def test_shipped_protocol_loads_and_uses_every_kind(name: str) -> None:
    protocol = load_protocol(name)
    assert protocol.name == name
    assert [c.number for c in protocol.contacts] == list(range(1, protocol.count + 1))
    assert protocol.closes_at == protocol.count
    assert {step.kind for c in protocol.contacts for step in c.steps} == set(StepKind)
    for contact in protocol.contacts:
        assert contact.objectives and contact.aim
        for step in contact.steps:
            assert len(step.title) <= 28
            assert step.purpose


def test_brief_five_follows_the_structured_five_contacts() -> None:
    protocol = load_protocol("brief-five")
    assert (protocol.count, protocol.disengagement_from, protocol.closes_at) == (5, 3, 5)
    assert [c.title for c in protocol.contacts] == [
        "Building the relationship",
        "Assessing personal strengths",
        "Learning to make contact",
        "Reviewing progress",
        "Completing the work",
    ]
    core = ["strengths", "goals", "barriers", "linkage"]
    assert [c.step_ids for c in protocol.contacts] == [
        ("engagement", *core, "summary"),
        ("review", *core, "summary"),
        ("review", *core, "disengagement", "summary"),
        ("review", "strengths", "barriers", "linkage", "disengagement", "summary"),
        ("review", "linkage", "disengagement", "summary"),
    ]
    for contact in protocol.contacts:  # in brief-five the id is the kind
        assert all(step.id == step.kind for step in contact.steps)


@pytest.mark.parametrize("name", ["brief-five", "long-term"])
def test_engagement_says_what_the_worker_can_and_cannot_do(name: str) -> None:
    engagement = load_protocol(name).contact(1).step("engagement")
    assert engagement.kind is StepKind.ENGAGEMENT
    prompts = [p.lower() for p in engagement.prompts]
    assert any(p.startswith("what i can do:") for p in prompts)
    assert any(p.startswith("what i can't do:") for p in prompts)
    assert any("talk, don't interview" in p for p in prompts)


def test_long_term_is_a_real_adaptation() -> None:
    brief, long_term = load_protocol("brief-five"), load_protocol("long-term")
    assert long_term.count == 8
    assert long_term.disengagement_from > brief.disengagement_from
    assert not {o for c in long_term.contacts for o in c.objectives} & {
        o for c in brief.contacts for o in c.objectives
    }
    # Two strengths steps in one contact, told apart by id.
    second = long_term.contact(2)
    strengths = [s.id for s in second.steps if s.kind is StepKind.STRENGTHS]
    assert strengths == ["strengths-everyday", "strengths-people"]


def test_step_ids_fit_the_case_file() -> None:
    """A case records steps done by id in ``Contact.steps_done`` (a Slug list)."""
    from pydantic import TypeAdapter

    slugs = TypeAdapter(list[Slug])
    for name in available_protocols():
        for contact in load_protocol(name).contacts:
            slugs.validate_python(list(contact.step_ids))


def test_shipped_loads_are_cached_and_frozen() -> None:
    protocol = load_protocol("brief-five")
    assert load_protocol("brief-five") is protocol
    assert load_prompt_bank() is load_prompt_bank()
    with pytest.raises(ValidationError):
        protocol.closes_at = 9  # type: ignore[misc]


def test_a_path_loads_that_file(tmp_path: Path) -> None:
    path = write(tmp_path, TINY)
    assert load_protocol(str(path)).name == "tiny"
    assert load_protocol(path).count == 2


# --- what comes next -----------------------------------------------------------------------


def test_next_and_previous_step() -> None:
    contact = load_protocol("brief-five").contact(3)
    assert contact.next_step("review").id == "strengths"
    assert contact.next_step("disengagement").id == "summary"
    assert contact.next_step("summary") is None
    assert contact.previous_step("strengths").id == "review"
    assert contact.previous_step("review") is None
    assert contact.index_of("goals") == 2
    with pytest.raises(LookupError, match="contact 3 has no step 'engagement'"):
        contact.next_step("engagement")


def test_contact_refuses_numbers_outside_the_protocol() -> None:
    protocol = load_protocol("brief-five")
    assert protocol.contact(5).title == "Completing the work"
    with pytest.raises(LookupError, match="contacts 1 to 5; there is no contact 6"):
        protocol.contact(6)
    with pytest.raises(LookupError):
        protocol.contact(0)


def test_script_for_clamps_to_the_last_contact() -> None:
    protocol = load_protocol("brief-five")
    assert protocol.script_for(2) is protocol.contact(2)
    assert protocol.script_for(5) is protocol.contact(5)
    assert protocol.script_for(6) is protocol.contact(5)
    assert protocol.script_for(40) is protocol.contact(5)


def test_disengagement_and_closing() -> None:
    protocol = load_protocol("brief-five")
    assert [protocol.disengagement_begins(n) for n in range(1, 6)] == [
        False,
        False,
        True,
        False,
        False,
    ]
    assert [protocol.in_disengagement(n) for n in range(1, 6)] == [False, False, True, True, True]
    assert [protocol.closes_with(n) for n in range(1, 7)] == [False] * 4 + [True, True]
    assert load_protocol("long-term").disengagement_begins(6)


# --- the prompt bank -----------------------------------------------------------------------


def test_prompt_bank_loads_with_the_kansas_domains() -> None:
    bank = load_prompt_bank()
    assert [d.id for d in bank.domains] == KANSAS_DOMAINS
    assert [c.id for c in bank.categories] == CATEGORIES
    assert all(d.hint for d in bank.domains)
    assert len(bank.prompts) >= 40
    for category in CATEGORIES:
        assert len(bank.prompts_for(category=category)) >= 4, category
        assert len([p for p in bank.prompts_for(category=category) if p.domain is None]) >= 3
    for domain in KANSAS_DOMAINS:
        assert len(bank.prompts_for(domain=domain)) >= 3, domain


def test_prompts_ask_about_strengths_not_deficits() -> None:
    deficit_words = ("wrong", "fail", "weakness", "deficit", "bad at", "problem", "can't you")
    for prompt in load_prompt_bank().prompts:
        assert prompt.text.endswith("?"), prompt.id
        assert not any(word in prompt.text.lower() for word in deficit_words), prompt.id


def test_prompt_bank_lookups() -> None:
    bank = load_prompt_bank()
    assert bank.domain("health").title == "Health"
    assert bank.domain_title("spirituality_culture") == "Spirituality and culture"
    assert bank.domain_title("housing_stability") == "Housing stability"
    assert bank.domain_title("peer-support") == "Peer support"
    assert bank.category_title("recovery") == "Recovery"
    assert bank.prompt("recovery-tried").category == "recovery"
    with pytest.raises(LookupError, match="no life domain 'housing'"):
        bank.domain("housing")
    both = bank.prompts_for(category="relationships", domain="social_supports")
    assert both and all(
        p.category == "relationships" and p.domain == "social_supports" for p in both
    )
    assert bank.prompts_for() == list(bank.prompts)


def test_an_agency_prompt_bank_loads_from_a_path(tmp_path: Path) -> None:
    bank = load_prompt_bank(write(tmp_path, TINY_BANK, "bank.toml"))
    assert [p.id for p in bank.prompts] == ["health-care"]


# --- bad files: a ProtocolError naming the file and the place --------------------------------


def test_invalid_toml(tmp_path: Path) -> None:
    path = write(tmp_path, TINY.replace('title = "Tiny"', "title = "))
    error = protocol_error(path)
    assert (error.path, error.where) == (str(path), "line 2, column 9")
    assert str(error) == f"{path}: line 2, column 9: not valid TOML (Invalid value)"


def test_unknown_key(tmp_path: Path) -> None:
    path = write(tmp_path, TINY.replace('purpose = "Agree on tasks."', 'stpes = "Agree"'))
    error = protocol_error(path)
    assert str(error).splitlines() == [
        f"{path}: contacts[0].steps[1].purpose: required key is missing",
        f"{path}: contacts[0].steps[1].stpes: unknown key",
    ]
    assert (error.where, error.what) == ("contacts[0].steps[1].purpose", "required key is missing")


def test_duplicate_step_id(tmp_path: Path) -> None:
    path = write(tmp_path, TINY.replace('id = "summary"', 'id = "engagement"'))
    assert str(protocol_error(path)) == (
        f"{path}: contacts[0].steps[1].id: repeats the id of steps[0]"
    )


def test_contacts_must_be_consecutive(tmp_path: Path) -> None:
    path = write(tmp_path, TINY.replace("number = 2", "number = 3"))
    error = protocol_error(path)
    assert error.where == "contacts[1].number"
    assert str(error).startswith(f"{path}: contacts[1].number: expected 2;")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("closes_at = 2", "closes_at = 7"), "closes_at: must be one of the contacts (1 to 2)"),
        (
            ("disengagement_from = 2", "disengagement_from = 3"),
            "disengagement_from: must be between 1 and closes_at (2)",
        ),
        (
            ('kind = "summary"', 'kind = "disengagement"'),
            "contacts[0].steps[1].kind: a disengagement step comes before disengagement_from (2)",
        ),
    ],
)
def test_disengagement_and_closing_must_fit(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    path = write(tmp_path, TINY.replace(*change))
    assert str(protocol_error(path)) == f"{path}: {expected}"


def test_bad_category_reference(tmp_path: Path) -> None:
    path = write(tmp_path, TINY_BANK.replace('category = "general"', 'category = "strengthz"'))
    with pytest.raises(ProtocolError) as caught:
        load_prompt_bank(path)
    assert str(caught.value) == f"{path}: prompts[0].category: names no category of this bank"


def test_bad_domain_reference_and_duplicate_prompt(tmp_path: Path) -> None:
    path = write(tmp_path, TINY_BANK.replace('domain = "health"', 'domain = "housing"'))
    with pytest.raises(ProtocolError, match=r"prompts\[0\]\.domain: names no domain"):
        load_prompt_bank(path)
    twice = TINY_BANK + TINY_BANK[TINY_BANK.index("[[prompts]]") :]
    with pytest.raises(ProtocolError, match=r"prompts\[1\]\.id: repeats the id of prompts\[0\]"):
        load_prompt_bank(write(tmp_path, twice))


def test_errors_never_echo_the_file_contents(tmp_path: Path) -> None:
    path = write(tmp_path, TINY.replace('kind = "summary"', 'kind = "SECRET client words"'))
    error = protocol_error(path)
    assert error.where == "contacts[0].steps[1].kind"
    assert "SECRET" not in str(error)


def test_unreadable_files(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    assert str(protocol_error(missing)) == (
        f"{missing}: file: cannot read (No such file or directory)"
    )
    assert str(protocol_error(tmp_path)) == f"{tmp_path}: file: is a folder"
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    assert str(protocol_error(binary)) == f"{binary}: byte 0: not UTF-8 text"
    huge = write(tmp_path, "# padding\n" * 200_000, "huge.toml")
    assert protocol_error(huge).what.startswith("larger than a script can be")


def test_unknown_shipped_name() -> None:
    with pytest.raises(ProtocolError) as caught:
        load_protocol("no-such-protocol")
    assert caught.value.path == "no-such-protocol"
    assert "brief-five, long-term" in caught.value.what


def test_a_bom_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + TINY.encode())
    assert isinstance(load_protocol(str(path)), Protocol)


# --- layering ------------------------------------------------------------------------------


def test_importing_the_protocol_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from sbcm_tui.files import protocols\n"
        "protocols.load_protocol('brief-five'); protocols.load_prompt_bank()\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_step_kind_has_a_pane_class() -> None:
    """Each kind a protocol may name opens a real pane (the mapping is data, so check it)."""
    from sbcm_tui.tui.panes.base import StepPane
    from sbcm_tui.tui.panes.registry import pane_class

    for kind in StepKind:
        assert issubclass(pane_class(kind), StepPane), kind


# --- counting contacts without the models (the caseload's "n of 5") ----------------------------


def test_contact_count_agrees_with_the_loaded_protocols() -> None:
    from sbcm_tui.files.protocols import contact_count

    for name in available_protocols():
        assert contact_count(name) == load_protocol(name).count


def test_contact_count_is_none_for_what_cannot_be_read(tmp_path: Path) -> None:
    from sbcm_tui.files.protocols import contact_count

    broken = tmp_path / "broken.toml"
    broken.write_text("contacts = [1, 2", encoding="utf-8")
    no_contacts = tmp_path / "none.toml"
    no_contacts.write_text('name = "x"\n', encoding="utf-8")
    assert contact_count("no-such-protocol") is None
    assert contact_count(str(tmp_path / "missing.toml")) is None
    assert contact_count(str(broken)) is None
    assert contact_count(str(no_contacts)) is None
    assert contact_count(str(tmp_path)) is None  # a folder


def test_the_caseload_rows_of_a_warm_folder_need_no_pydantic(tmp_path: Path) -> None:
    """Start-up: the app's modules and the rows of a warm listing, with no model built."""
    from sbcm_tui.core.case import Case, Client
    from sbcm_tui.files.store import CaseStore

    store = CaseStore(tmp_path)
    store.create(Case(client=Client(preferred_name="Ana")))
    store.caseload()  # builds the cache
    probe = (
        "import sys\n"
        "import sbcm_tui.tui.app\n"
        "from sbcm_tui.tui.screens.caseload import contact_label\n"
        "from sbcm_tui.files.store import CaseStore\n"
        f"load = CaseStore({str(tmp_path)!r}).caseload()\n"
        "print([contact_label(s) for s in load.cases])\n"
        "print(sorted(m for m in ('pydantic', 'sbcm_tui.core.case') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["['0 of 5']", "[]"]
