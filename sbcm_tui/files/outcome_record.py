"""What the outcomes dashboard needs from each case, kept in the caseload cache.

Written once when a case file is summarised (see summary.py), read only when the dashboard or
``sbcm report`` asks. It travels inside the cached :class:`~sbcm_tui.files.summary.CaseSummary` as
one JSON string of numbers only, so the caseload listing skips over it as a single string
instead of building a few hundred thousand small lists it has no use for (measured: that took
the warm listing of 10,000 cases from about 0.2 s to 0.4 s). Days are date ordinals
(``date.toordinal()``): no quotes to escape, and differences in days are plain subtraction.

Layout: ``[objectives, [GAS levels], [referral days], [contact points]]``

* ``objectives``: how many objectives the plan has;
* GAS levels: the −2..+2 rating of each objective that has one, in plan order;
* referral days: three numbers per referral actually made (it reached "referred" or a later
  rung): the day referred, linked (or null), retained (or null);
* contact points: three numbers per contact, by number: the number, its day, and how many
  objectives were achieved at it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case
    from sbcm_tui.files.summary import CaseSummary

REFERRALS_MADE = frozenset({"referred", "contacted", "linked", "retained"})
"""Rungs that mean a referral was made, not only suggested."""


OBJECTIVES, GAS_LEVELS, REFERRAL_DAYS, CONTACT_POINTS = range(4)
"""Positions in a parsed record (plain lists: ten thousand small objects built just to name
four fields measured as a sixth of the dashboard's counting)."""

OutcomeRecord = list[Any]
"""One case's outcome data, parsed: ``record[GAS_LEVELS]`` and so on."""


def outcome_records(summaries: Iterable[CaseSummary]) -> list[OutcomeRecord]:
    """The outcome data of many summaries, in order, with one JSON parse for all of them."""
    payloads = [s.outcome for s in summaries]
    records: list[OutcomeRecord] = json.loads("[" + ",".join(payloads) + "]")
    return records


def outcome_payload(case: Case) -> str:
    """The compact JSON string kept in a case's summary."""
    objectives = case.objectives()
    record = [
        len(objectives),
        [o.gas_level for o in objectives if o.gas_level is not None],
        _referral_days(case),
        _contact_points(case),
    ]
    return json.dumps(record, separators=(",", ":"))


def _referral_days(case: Case) -> list[int | None]:
    """Referral days for the linkage figures. The start is the day referred, or the first step
    when the ladder skipped "referred" (as ``Referral.days_to_linkage`` counts it); retention
    implies linkage, so a referral marked retained without a linked step counts as linked then."""
    days: list[int | None] = []
    for referral in case.referrals:
        reached: dict[str, int] = {}
        for step in referral.history:
            reached.setdefault(step.status.value, step.on.toordinal())
        if not REFERRALS_MADE & reached.keys():
            continue
        retained = reached.get("retained")
        linked = reached.get("linked", retained)
        days += [reached.get("referred", referral.history[0].on.toordinal()), linked, retained]
    return days


def _contact_points(case: Case) -> list[int]:
    """Objectives achieved at each contact. An achieved objective belongs to the contact whose
    plan review marked it done; failing that, the first contact on or after the day it was
    achieved; failing that, the last contact. (With no contact at all there is nowhere to put
    it, and no progress to draw.)"""
    contacts = sorted(case.contacts, key=lambda c: (c.number, c.on))
    if not contacts:
        return []
    done_at: dict[str, int] = {}
    for index, contact in enumerate(contacts):
        for review in contact.plan_reviews:
            if review.item == "objective" and review.status.value == "done":
                done_at.setdefault(review.item_id, index)
    achieved = [0] * len(contacts)
    for objective in case.objectives():
        if objective.status.value != "achieved":
            continue
        index = done_at.get(objective.id)
        if index is None and objective.achieved_on is not None:
            on = objective.achieved_on
            index = next((i for i, c in enumerate(contacts) if c.on >= on), None)
        achieved[len(contacts) - 1 if index is None else index] += 1
    points: list[int] = []
    for contact, count in zip(contacts, achieved, strict=True):
        points += [contact.number, contact.on.toordinal(), count]
    return points


def shift_payload(payload: str, days: int) -> str:
    """The same record with every day in it moved by ``days`` (the demo copy dates its cached
    summaries the way it dates the case files; see demo.py)."""
    record = json.loads(payload)
    record[REFERRAL_DAYS] = [None if day is None else day + days for day in record[REFERRAL_DAYS]]
    points = record[CONTACT_POINTS]
    record[CONTACT_POINTS] = [
        value + days if position % 3 == 1 else value for position, value in enumerate(points)
    ]
    return json.dumps(record, separators=(",", ":"))
