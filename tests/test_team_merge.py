"""The three-way merge of a case on the model: what merges silently, what goes to the inbox,
what is refused (team/merge.py)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from sbcm_tui.core.case import (
    Barrier,
    Case,
    Client,
    Goal,
    Objective,
    Referral,
    ReferralStep,
    Resource,
    Strength,
)
from sbcm_tui.team.merge import MergeRefused, Side, merge_cases


def _base() -> Case:
    objective = Objective(id="o1", text="Apply for two jobs")
    return Case(
        id="c-merge1",
        client=Client(preferred_name="Ana", living_situation="with her sister"),
        strengths=[Strength(id="s1", domain="work", words="Good with people")],
        goals=[Goal(id="g1", words="I want a job", objectives=[objective])],
        resources=[Resource(id="r1", name="Job centre")],
        referrals=[
            Referral(
                id="f1",
                resource_id="r1",
                history=[ReferralStep(status="suggested", on=date(2026, 11, 2))],
            )
        ],
    )


def _merge(base: Case, ours: Case, theirs: Case) -> Case:
    return merge_cases(
        base, Side(ours, "Dana"), Side(theirs, "Sam", datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    )


def _copies(base: Case) -> tuple[Case, Case]:
    return base.model_copy(deep=True), base.model_copy(deep=True)


def test_changes_to_different_fields_and_items_merge_silently() -> None:
    base = _base()
    ours, theirs = _copies(base)
    ours.client.living_situation = "her own flat"
    theirs.client.language = "Spanish"
    ours.strengths.append(Strength(id="s2", domain="home", words="Keeps a tidy home"))
    theirs.strengths.append(Strength(id="s3", domain="health", words="Walks every day"))
    theirs.goals[0].objectives[0].text = "Apply for three jobs"
    merged = _merge(base, ours, theirs)
    assert merged.client.living_situation == "her own flat"
    assert merged.client.language == "Spanish"
    assert [s.id for s in merged.strengths] == ["s1", "s2", "s3"]
    assert merged.goals[0].objectives[0].text == "Apply for three jobs"
    assert merged.inbox == []


def test_one_field_changed_both_ways_keeps_ours_and_files_theirs_in_the_inbox() -> None:
    base = _base()
    ours, theirs = _copies(base)
    ours.strengths[0].words = "Good with people, and patient"
    theirs.strengths[0].words = "Warm with strangers"
    merged = _merge(base, ours, theirs)
    assert merged.strengths[0].words == "Good with people, and patient"
    (entry,) = merged.inbox
    assert entry.kind == "both_changed"
    assert json.loads(entry.path) == ["strengths", {"id": "s1"}, "words"]
    assert json.loads(entry.other) == "Warm with strangers"
    assert json.loads(entry.kept) == "Good with people, and patient"
    assert (entry.kept_by, entry.other_by) == ("Dana", "Sam")
    assert entry.other_at == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_the_path_of_an_inbox_entry_holds_ids_and_field_names_only() -> None:
    base = _base()
    ours, theirs = _copies(base)
    ours.goals[0].words = "SECRET-OURS"
    theirs.goals[0].words = "SECRET-THEIRS"
    (entry,) = _merge(base, ours, theirs).inbox
    assert "SECRET" not in entry.path


def test_an_item_deleted_on_one_side_and_edited_on_the_other_is_kept_and_the_inbox_says_so() -> (
    None
):
    base = _base()
    ours, theirs = _copies(base)
    ours.strengths.clear()
    theirs.strengths[0].words = "Good with people and animals"
    merged = _merge(base, ours, theirs)
    assert [s.words for s in merged.strengths] == ["Good with people and animals"]
    (entry,) = merged.inbox
    assert entry.kind == "deleted_and_edited" and json.loads(entry.other) is None
    # And the other way round: ours edited, theirs deleted.
    merged = _merge(base, theirs, ours)
    assert [s.words for s in merged.strengths] == ["Good with people and animals"]
    assert merged.inbox[0].kind == "deleted_and_edited"


def test_an_item_deleted_on_one_side_and_left_alone_on_the_other_goes() -> None:
    base = _base()
    ours, theirs = _copies(base)
    ours.strengths.clear()
    theirs.client.age = 34
    merged = _merge(base, ours, theirs)
    assert merged.strengths == [] and merged.client.age == 34 and merged.inbox == []


def test_a_goal_deleted_on_one_side_comes_back_whole_when_its_objective_was_edited() -> None:
    base = _base()
    ours, theirs = _copies(base)
    ours.goals.clear()
    theirs.goals[0].objectives[0].measure = "two applications sent"
    merged = _merge(base, ours, theirs)
    assert merged.goals[0].words == "I want a job"
    assert merged.goals[0].objectives[0].measure == "two applications sent"
    assert [e.kind for e in merged.inbox] == ["deleted_and_edited"]


def test_plain_value_lists_merge_as_sets() -> None:
    base = _base()
    base.client.medical_conditions = ["asthma", "diabetes"]
    ours, theirs = _copies(base)
    ours.client.medical_conditions = ["asthma", "diabetes", "back pain"]
    theirs.client.medical_conditions = ["asthma", "high blood pressure"]  # diabetes removed
    merged = _merge(base, ours, theirs)
    assert merged.client.medical_conditions == ["asthma", "back pain", "high blood pressure"]
    assert merged.inbox == []


def test_a_referral_and_its_ladder_move_as_a_unit() -> None:
    base = _base()
    ours, theirs = _copies(base)
    ours.referrals[0].history.append(ReferralStep(status="referred", on=date(2026, 11, 9)))
    theirs.referrals[0].history.append(ReferralStep(status="declined", on=date(2026, 11, 8)))
    theirs.referrals[0].purpose = "work search"
    merged = _merge(base, ours, theirs)
    assert merged.referrals[0] == ours.referrals[0]  # whole: not ours' ladder with their purpose
    (entry,) = merged.inbox
    assert json.loads(entry.path) == ["referrals", {"id": "f1"}]
    assert json.loads(entry.other)["purpose"] == "work search"


def test_bookkeeping_is_never_a_conflict() -> None:
    base = _base()
    ours, theirs = _copies(base)
    ours.revision, theirs.revision = 7, 4
    ours.updated_at = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    theirs.updated_at = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    merged = _merge(base, ours, theirs)
    assert merged.revision == 8 and merged.updated_at == theirs.updated_at
    assert merged.inbox == []


def test_a_merge_that_would_not_validate_is_refused() -> None:
    base = _base()
    ours, theirs = _copies(base)
    ours.goals[0].objectives.clear()  # ours removes the objective...
    theirs.barriers.append(Barrier(id="b1", text="No bus fare", objective_id="o1"))  # ...theirs
    with pytest.raises(MergeRefused) as refused:
        _merge(base, ours, theirs)
    assert refused.value.where  # field paths only


def test_the_inbox_entries_of_both_sides_are_kept() -> None:
    base = _base()
    first, second = _copies(base)
    first.goals[0].words, second.goals[0].words = "A", "B"
    ours = _merge(base, first, second)
    theirs = base.model_copy(deep=True)
    theirs.strengths[0].words, other = "X", base.model_copy(deep=True)
    other.strengths[0].words = "Y"
    theirs = _merge(base, theirs, other)
    merged = _merge(base, ours, theirs)
    assert len(merged.inbox) == 2
    assert {json.loads(e.path)[0] for e in merged.inbox} == {"goals", "strengths"}


def test_a_case_added_on_both_sides_merges_with_no_base() -> None:
    ours, theirs = _copies(_base())
    ours.client.age = 30
    theirs.client.age = 31
    merged = merge_cases(None, Side(ours), Side(theirs))
    assert merged.client.age == 30 and merged.inbox[0].kind == "added_twice"


# --- settling the inbox ----------------------------------------------------------------------


def test_swap_puts_the_other_value_in_and_swapping_again_undoes_it() -> None:
    from sbcm_tui.team import inbox

    base = _base()
    ours, theirs = _copies(base)
    ours.goals[0].words, theirs.goals[0].words = "Ours", "Theirs"
    merged = _merge(base, ours, theirs)
    entry = merged.inbox[0]
    assert inbox.where(entry) == "goals g1 › words"
    assert "Sam" in inbox.describe(entry) and "Theirs" not in inbox.describe(entry)
    swapped = inbox.swap(merged, entry.id)
    assert swapped.goals[0].words == "Theirs"
    assert inbox.values(swapped.inbox[0]) == ("Theirs", "Ours")
    assert inbox.swap(swapped, entry.id).goals[0].words == "Ours"


def test_keep_both_joins_words_and_adds_an_item_beside_the_kept_one() -> None:
    from sbcm_tui.team import inbox

    base = _base()
    ours, theirs = _copies(base)
    ours.goals[0].words, theirs.goals[0].words = "Ours", "Theirs"
    merged = _merge(base, ours, theirs)
    both = inbox.keep_both(merged, merged.inbox[0].id)
    assert both.goals[0].words == "Ours / Theirs" and both.inbox == []

    ours, theirs = _copies(base)
    ours.referrals[0].purpose, theirs.referrals[0].purpose = "a", "b"
    merged = _merge(base, ours, theirs)
    both = inbox.keep_both(merged, merged.inbox[0].id)
    assert sorted(r.purpose for r in both.referrals) == ["a", "b"]
    assert len({r.id for r in both.referrals}) == 2


def test_keep_both_refuses_where_one_value_fits_and_dismiss_leaves_the_case() -> None:
    from sbcm_tui.team import inbox

    base = _base()
    ours, theirs = _copies(base)
    ours.client.age, theirs.client.age = 30, 31
    merged = _merge(base, ours, theirs)
    with pytest.raises(ValueError, match="only one value fits"):
        inbox.keep_both(merged, merged.inbox[0].id)
    dismissed = inbox.dismiss(merged, merged.inbox[0].id)
    assert dismissed.client.age == 30 and dismissed.inbox == []
    with pytest.raises(ValueError, match="no longer there"):
        inbox.dismiss(dismissed, merged.inbox[0].id)


def test_swapping_a_deleted_item_back_out_removes_it() -> None:
    from sbcm_tui.team import inbox

    base = _base()
    ours, theirs = _copies(base)
    ours.strengths.clear()
    theirs.strengths[0].words = "Edited"
    merged = _merge(base, ours, theirs)  # kept as edited
    swapped = inbox.swap(merged, merged.inbox[0].id)  # the deletion wins after all
    assert swapped.strengths == []
    assert inbox.swap(swapped, merged.inbox[0].id).strengths[0].words == "Edited"


def test_keep_both_keeps_paragraphs_apart_when_the_words_have_lines() -> None:
    from sbcm_tui.team import inbox

    base = _base()
    ours, theirs = _copies(base)
    ours.goals[0].words, theirs.goals[0].words = "Ours,\nin two lines", "Theirs"
    merged = _merge(base, ours, theirs)
    both = inbox.keep_both(merged, merged.inbox[0].id)
    assert both.goals[0].words == "Ours,\nin two lines\n\nTheirs"
