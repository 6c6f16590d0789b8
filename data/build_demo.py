#!/usr/bin/env python3
"""Build the demo caseload in data/demo: fictional people, dated around DEMO_ANCHOR.

Everyone here is made up. The cases are written as if today were DEMO_ANCHOR (2026-11-20);
``sbcm --demo`` opens a copy with every date moved so that the anchor day is the real today
(see sbcm_tui/demo.py). Ids, dates and timestamps are fixed, so building twice gives the same
bytes. Run it again after changing the case model, and commit the files it writes:

    .venv/bin/python data/build_demo.py            # writes data/demo
    .venv/bin/python data/build_demo.py OUT_DIR    # writes somewhere else (tests use this)

The caseload:

* c-demo-ana     just after contact 1: first strengths, a first goal, promises for next week
* c-demo-marcus  at contact 3: an overdue objective, an open safety concern, a pending referral
* c-demo-ruth    contact 5 done and disengaged: objectives achieved and rated, linkage kept
* c-demo-destiny (JSON) a young parent at contact 2
* c-demo-hollis  long-term protocol, 26 contacts over fourteen months
* c-demo-reggie  at contact 4; does not read, and a diabetic foot to look after
* c-demo-sam     at contact 2; their name and notes are full of markup-like text on purpose
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sbcm_tui.core.case import (
    Barrier,
    Case,
    Client,
    Consent,
    Contact,
    Disengagement,
    Goal,
    NonStrength,
    Objective,
    PlanReview,
    Referral,
    ReferralStep,
    Resource,
    Strategy,
    Strength,
    Task,
)
from sbcm_tui.core.protocol import load_prompt_bank
from sbcm_tui.files.atomic import ensure_private_folder, write_atomic
from sbcm_tui.files.casefile import CaseFormat, dump_case
from sbcm_tui.files.demo import DEMO_ANCHOR, SUMMARIES_FILE, shipped_summaries_document

ANCHOR = DEMO_ANCHOR
OUT = Path(__file__).resolve().parent / "demo"
DEMO_PATTERN = "c-demo-*"

_BANK = load_prompt_bank()


# --- small helpers: dates relative to the anchor, and terse constructors ----------------------


def d(days: int) -> date:
    """The day ``days`` after the anchor (negative: before)."""
    return ANCHOR + timedelta(days=days)


def at(days: int, hour: int, minute: int = 0) -> datetime:
    """A fixed moment (UTC) on the day ``days`` after the anchor."""
    return datetime.combine(d(days), time(hour, minute), tzinfo=UTC)


def strength(
    sid: str,
    domain: str,
    kind: str,
    words: str,
    *,
    contact: int,
    prompt: str | None = None,
    category: str | None = None,
    on: date,
) -> Strength:
    """A strength; its category comes from the prompt it answered when one is named."""
    if prompt is not None:
        found = _BANK.prompt(prompt)
        if category not in (None, found.category):
            raise ValueError(f"{sid}: prompt {prompt} is a {found.category} prompt")
        category = found.category
        if found.domain is not None and found.domain != domain:
            raise ValueError(f"{sid}: prompt {prompt} belongs to {found.domain}, not {domain}")
    return Strength(
        id=sid,
        domain=domain,
        words=words,
        kind=kind,
        category=category,
        prompt_id=prompt,
        contact=contact,
        noted_on=on,
    )


def review(item_id: str, status: str, note: str | None = None) -> PlanReview:
    """A plan review; ids starting ``o-`` are objectives, the rest strategies."""
    item = "objective" if item_id.startswith("o-") else "strategy"
    return PlanReview(item_id=item_id, item=item, status=status, note=note)


def ladder(*steps: tuple[str, int]) -> list[ReferralStep]:
    """A referral's history from (status, day offset) pairs."""
    return [ReferralStep(status=status, on=d(days)) for status, days in steps]


BRIEF_STEPS = {
    1: ["engagement", "strengths", "goals", "barriers", "linkage", "summary"],
    2: ["review", "strengths", "goals", "barriers", "linkage", "summary"],
    3: ["review", "strengths", "goals", "barriers", "linkage", "disengagement", "summary"],
    4: ["review", "strengths", "barriers", "linkage", "disengagement", "summary"],
    5: ["review", "linkage", "disengagement", "summary"],
}


# --- a. Ana: just after contact 1 ----------------------------------------------------------------


def ana() -> Case:
    c1 = -1
    return Case(
        id="c-demo-ana",
        worker="J. Alvarez",
        created_at=at(c1, 14, 5),
        updated_at=at(c1, 16, 20),
        revision=4,
        next_contact_on=d(6),
        client=Client(
            preferred_name="Ana Lucero",
            pronouns="she/her",
            age=41,
            living_situation="Rents a two-bedroom flat with her son Mateo (15).",
            medical_conditions=["High blood pressure (on tablets)", "Stitches, left forearm"],
            language="English and Spanish",
            reading_level="comfortable",
            how_to_reach="Mobile; texts best after 4 pm. No details on voicemail.",
        ),
        consents=[
            Consent(
                id="cn-1",
                party="Harbor Outpatient Program",
                scope="Referral details and whether she attends",
                starts=d(c1),
                ends=d(c1 + 180),
            ),
            Consent(
                id="cn-2",
                party="Rosa Lucero (sister)",
                scope="Meeting times only; nothing about health",
                starts=d(c1),
            ),
        ],
        strengths=[
            strength(
                "s-1",
                "vocational_educational",
                "past",
                "I cooked at Lincoln Elementary for eleven years. Three hundred lunches out by "
                "11:30, and nobody went hungry on my watch.",
                prompt="work-jobs",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-2",
                "social_supports",
                "current",
                "My sister Rosa. She doesn't lecture me, she just turns up with coffee.",
                prompt="relationships-trust",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-3",
                "leisure",
                "current",
                "I still keep my tomatoes going on the balcony. Even this year.",
                prompt="leisure-fun",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-4",
                "health",
                "past",
                "After Mateo was born I didn't drink for almost three years. I walked every "
                "morning with the stroller and kept my hands busy.",
                prompt="recovery-sober-time",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-5",
                "spirituality_culture",
                "desired",
                "I want to sit at Sunday dinner at my mother's and feel like myself again, "
                "not hide in the kitchen.",
                prompt="meaning-hope",
                contact=1,
                on=d(c1),
            ),
        ],
        non_strengths=[
            NonStrength(
                id="ns-1",
                kind="physical_health",
                note="Seen in the emergency department after a fall at home while drinking; "
                "cut to the left forearm, stitched. Blood pressure high on the day.",
                noted_on=d(c1),
                follow_up="Ask at contact 2 whether she booked the follow-up with Dr. Patel.",
            )
        ],
        goals=[
            Goal(
                id="g-1",
                words="I want to stop waking up sick and be someone Mateo can count on again.",
                domain="health",
                set_on=d(c1),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-1",
                        text="Talk to an intake worker at Harbor Outpatient about the "
                        "evening program.",
                        measure="Ana has spoken to intake and knows her first appointment date.",
                        target_date=d(8),
                        strategies=[
                            Strategy(
                                id="st-1a",
                                step="Find out Harbor's intake hours and whether they take "
                                "her insurance.",
                                who="Case manager",
                                target_date=d(3),
                            ),
                            Strategy(
                                id="st-1b",
                                step="Call intake from Rosa's place, with Rosa there.",
                                who="Ana",
                                target_date=d(7),
                            ),
                        ],
                    ),
                    Objective(
                        id="o-2",
                        text="See Dr. Patel about the stitches and blood pressure.",
                        measure="Appointment kept.",
                        target_date=d(10),
                        strategies=[
                            Strategy(
                                id="st-2a",
                                step="Phone Eastside Family Clinic to book.",
                                who="Ana",
                                target_date=d(4),
                            )
                        ],
                    ),
                ],
            )
        ],
        barriers=[
            Barrier(
                id="b-1",
                text="Works until 6 pm most days; worried evening groups clash with Mateo's "
                "football practice.",
                objective_id="o-1",
                noted_on=d(c1),
            ),
            Barrier(
                id="b-2",
                text="Embarrassed that someone at the clinic might know her from the school.",
                objective_id="o-1",
                noted_on=d(c1),
            ),
        ],
        resources=[
            Resource(
                id="res-harbor",
                name="Harbor Outpatient Program",
                kind="formal",
                how_to_reach="Intake line weekdays 8–7; walk-ins Tuesday mornings",
                note="Evening groups Mon/Wed 6:30–8.",
            ),
            Resource(
                id="res-patel",
                name="Dr. Patel, Eastside Family Clinic",
                kind="formal",
                how_to_reach="Front desk, weekdays",
            ),
            Resource(id="res-rosa", name="Rosa (sister)", kind="informal"),
            Resource(
                id="res-walk",
                name="Morning walks with Rosa, Tuesdays and Thursdays (Ana's idea)",
                kind="created",
            ),
        ],
        referrals=[
            Referral(
                id="ref-1",
                resource_id="res-harbor",
                purpose="Evening outpatient program",
                objective_id="o-1",
                history=ladder(("suggested", c1)),
            )
        ],
        tasks=[
            Task(
                id="t-1",
                text="Check Harbor's intake hours and insurance; text Ana by Monday.",
                owner="case_manager",
                due=d(3),
                contact=1,
            ),
            Task(
                id="t-2",
                text="Bring Ana a printed copy of her strengths list.",
                owner="case_manager",
                due=d(6),
                contact=1,
            ),
            Task(
                id="t-3",
                text="Call Dr. Patel's office to book the follow-up.",
                owner="client",
                due=d(4),
                contact=1,
            ),
            Task(
                id="t-4",
                text="Notice one thing each day that went okay.",
                owner="client",
                due=d(6),
                contact=1,
            ),
        ],
        contacts=[
            Contact(
                number=1,
                on=d(c1),
                minutes=55,
                steps_done=BRIEF_STEPS[1],
                summary="First meeting at the clinic café, day after the ED visit. Ana wants "
                "to stop drinking for Mateo's sake and is open to the Harbor evening program. "
                "Strengths: eleven years as a school cook, her sister Rosa, three sober years "
                "after Mateo was born. Next meeting in a week.",
                notes="Talked more than interviewed; she relaxed once we got onto cooking. "
                "Explained what I can and can't do. She asked that nothing go on voicemail.",
            )
        ],
    )


# --- b. Marcus: at contact 3, overdue, safety concern open, referral pending ----------------------


def marcus() -> Case:
    c1, c2, c3 = -16, -9, -2
    return Case(
        id="c-demo-marcus",
        worker="K. Osei",
        created_at=at(c1, 15, 0),
        updated_at=at(c3, 17, 45),
        revision=11,
        next_contact_on=d(5),
        client=Client(
            preferred_name="Marcus Reid",
            pronouns="he/him",
            age=28,
            living_situation="On a friend's couch for about two months, since leaving his "
            "partner's flat.",
            reading_level="comfortable",
            how_to_reach="Phone runs out of minutes near month end; leave word with Dee at "
            "Dee's Barber Shop on 4th St.",
        ),
        consents=[
            Consent(
                id="cn-1",
                party="Riverside Counseling",
                scope="Referral and attendance",
                starts=d(c1),
            ),
            Consent(
                id="cn-2",
                party="Westside Housing Authority",
                scope="Housing application",
                starts=d(c2),
            ),
            Consent(
                id="cn-3",
                party="Dee (Dee's Barber Shop)",
                scope="That I called and when to call back; nothing else",
                starts=d(c1),
            ),
        ],
        strengths=[
            strength(
                "s-1",
                "vocational_educational",
                "past",
                "I was a barber's apprentice two years. People came back asking for me by name.",
                prompt="work-jobs",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-2",
                "social_supports",
                "current",
                "My daughter Kiara. Every other Saturday I have her, and I have never missed one.",
                prompt="social-family",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-3",
                "daily_living",
                "current",
                "The night I had to leave I had somewhere to sleep before dark. I figure stuff "
                "out.",
                prompt="general-hard-times",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-4",
                "leisure",
                "current",
                "I draw. Lettering mostly, designs people want for tattoos.",
                prompt="leisure-fun",
                contact=2,
                on=d(c2),
            ),
            strength(
                "s-5",
                "health",
                "past",
                "Last year I went four months without a drink when I was training for the 10K "
                "with my cousin.",
                prompt="recovery-sober-time",
                contact=2,
                on=d(c2),
            ),
            strength(
                "s-6",
                "financial",
                "current",
                "I give Kiara's mom something on the first of every month, even if it's small.",
                prompt="money-on-top",
                contact=2,
                on=d(c2),
            ),
            strength(
                "s-7",
                "spirituality_culture",
                "desired",
                "My grandma took me to church. I don't know about God but I miss the singing.",
                prompt="meaning-traditions",
                contact=3,
                on=d(c3),
            ),
        ],
        non_strengths=[
            NonStrength(
                id="ns-1",
                kind="suicidal_ideation_or_attempt",
                note="Said that some nights he thinks everyone would be better off without "
                "him. No plan; no means where he stays, he says. Last time 'a few days ago'.",
                noted_on=d(c2),
                follow_up="Safety plan written together at contact 2 (his reasons: Kiara, his "
                "mom, getting back to barbering); crisis line saved in his phone; supervisor "
                "told the same day. Contact 3: thoughts less often but still there, plan card "
                "in his wallet. Ask directly at every contact.",
                open=True,
            ),
            NonStrength(
                id="ns-2",
                kind="physical_health",
                note="Sleeps three to four hours; drinks to get to sleep most nights.",
                noted_on=d(c1),
                follow_up="Part of the Riverside referral.",
            ),
        ],
        goals=[
            Goal(
                id="g-1",
                words="I want to stop drinking myself to sleep.",
                domain="health",
                set_on=d(c1),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-1",
                        text="Go to a first appointment at Riverside Counseling.",
                        measure="Marcus attended the first appointment.",
                        target_date=d(-5),
                        status="in_progress",
                        strategies=[
                            Strategy(
                                id="st-1a",
                                step="Call Riverside to book a first appointment.",
                                who="Marcus",
                                target_date=d(-10),
                                done=True,
                                done_on=d(c2),
                            ),
                            Strategy(
                                id="st-1b",
                                step="Rebook for a time that doesn't clash with Saturday shifts.",
                                who="Marcus",
                                target_date=d(2),
                            ),
                            Strategy(
                                id="st-1c",
                                step="Ask Riverside intake about evening slots.",
                                who="Case manager",
                                target_date=d(1),
                            ),
                        ],
                    )
                ],
            ),
            Goal(
                id="g-2",
                words="I need my own place where Kiara can stay over.",
                domain="daily_living",
                set_on=d(c2),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-2",
                        text="Hand in an application to Westside Housing Authority.",
                        measure="Application submitted, receipt number in hand.",
                        target_date=d(10),
                        status="in_progress",
                        strategies=[
                            Strategy(
                                id="st-2a",
                                step="Order a copy of his birth certificate.",
                                who="Marcus",
                                target_date=d(-3),
                                done=True,
                                done_on=d(c3),
                            ),
                            Strategy(
                                id="st-2b",
                                step="Get the list of documents Westside needs.",
                                who="Case manager",
                                target_date=d(-6),
                                done=True,
                                done_on=d(c3),
                            ),
                        ],
                    )
                ],
            ),
            Goal(
                id="g-3",
                words="Get back behind the chair. Barbering is what I'm good at.",
                domain="vocational_educational",
                set_on=d(c3),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-3",
                        text="Ask Dee about renting a chair two days a week.",
                        measure="Marcus has Dee's answer and the weekly cost.",
                        target_date=d(12),
                        strategies=[
                            Strategy(
                                id="st-3a",
                                step="Stop by Dee's shop on Tuesday morning.",
                                who="Marcus",
                                target_date=d(4),
                            )
                        ],
                    )
                ],
            ),
        ],
        barriers=[
            Barrier(
                id="b-1",
                text="Phone runs out of minutes near the end of the month.",
                objective_id="o-1",
                noted_on=d(c1),
            ),
            Barrier(
                id="b-2",
                text="Worried the counselor will 'just want to talk about my childhood'.",
                objective_id="o-1",
                noted_on=d(c2),
            ),
            Barrier(
                id="b-3",
                text="Picks up extra warehouse shifts on Saturdays at short notice.",
                objective_id="o-1",
                noted_on=d(c3),
            ),
            Barrier(
                id="b-4",
                text="No photo ID since his wallet was stolen two months ago.",
                objective_id="o-2",
                noted_on=d(c2),
            ),
        ],
        resources=[
            Resource(
                id="res-riverside",
                name="Riverside Counseling",
                kind="formal",
                how_to_reach="Intake desk, Mon–Sat",
                note="Sliding-scale fees; some evening appointments.",
            ),
            Resource(
                id="res-westside",
                name="Westside Housing Authority",
                kind="formal",
                how_to_reach="Applications in person, Tue and Thu",
            ),
            Resource(
                id="res-lifeline",
                name="Lifeline free phone program",
                kind="formal",
            ),
            Resource(id="res-dee", name="Dee's Barber Shop, 4th St", kind="informal"),
            Resource(
                id="res-draw",
                name="Saturday drawing afternoons with Kiara at the library",
                kind="created",
            ),
        ],
        referrals=[
            Referral(
                id="ref-1",
                resource_id="res-riverside",
                purpose="Counseling for sleep and drinking",
                objective_id="o-1",
                history=ladder(("suggested", c1), ("referred", c2)),
            ),
            Referral(
                id="ref-2",
                resource_id="res-westside",
                purpose="Housing application",
                objective_id="o-2",
                history=ladder(("suggested", c2)),
            ),
            Referral(
                id="ref-3",
                resource_id="res-lifeline",
                purpose="A phone that doesn't run out",
                history=ladder(("suggested", c3)),
            ),
        ],
        tasks=[
            Task(
                id="t-1",
                text="Ask Riverside whether they see people on Saturdays.",
                due=d(-12),
                contact=1,
                done=True,
                done_on=d(-13),
            ),
            Task(
                id="t-2",
                text="Get Westside Housing's document checklist.",
                due=d(-6),
                contact=2,
                done=True,
                done_on=d(-7),
            ),
            Task(
                id="t-3",
                text="Order a birth certificate copy online at the library.",
                owner="client",
                due=d(-5),
                contact=2,
                done=True,
                done_on=d(-4),
            ),
            Task(
                id="t-4",
                text="Text Marcus the housing checklist in plain words.",
                due=d(-1),
                contact=3,
            ),
            Task(
                id="t-5",
                text="Ask Riverside intake about evening appointments; leave word with Dee.",
                due=d(1),
                contact=3,
            ),
            Task(
                id="t-6",
                text="Call Riverside to rebook the first appointment.",
                owner="client",
                due=d(2),
                contact=3,
            ),
            Task(
                id="t-7",
                text="Keep the safety plan card in my wallet; call the crisis line if a "
                "night gets bad.",
                owner="client",
                contact=3,
            ),
            Task(
                id="t-8",
                text="Bring the Lifeline phone application.",
                due=d(5),
                contact=3,
            ),
        ],
        contacts=[
            Contact(
                number=1,
                on=d(c1),
                minutes=50,
                steps_done=BRIEF_STEPS[1],
                summary="Met at the ED follow-up clinic. Marcus is sleeping on a friend's "
                "couch and drinking to sleep. Wants to stop; open to counseling if it is "
                "'not a lecture'. Strengths: barbering, never misses his Saturdays with Kiara.",
            ),
            Contact(
                number=2,
                on=d(c2),
                minutes=45,
                steps_done=BRIEF_STEPS[2],
                carried_over="Riverside booking; whether Saturdays work.",
                summary="He booked Riverside for a Saturday morning himself. New goal: his own "
                "place so Kiara can stay over. Raised dark thoughts at night; safety plan "
                "made together, supervisor informed.",
                notes="Asked directly about suicide; he answered openly. No plan or means "
                "reported. Crisis line saved in his phone in front of me.",
                plan_reviews=[
                    review("st-1a", "done", "Booked for Saturday morning."),
                    review("o-1", "in_progress"),
                ],
            ),
            Contact(
                number=3,
                on=d(c3),
                minutes=40,
                steps_done=BRIEF_STEPS[3],
                carried_over="Riverside appointment on Saturday; birth certificate; how nights "
                "have been.",
                summary="Missed Riverside: took an extra warehouse shift. Wants to rebook "
                "himself and asked me to find evening times. Birth certificate has come. "
                "Safety concern still open. Began talking about how our work ends after "
                "contact 5.",
                notes="Kept the Riverside target date as it was so we both see it slipped; "
                "he preferred that to moving it. Housing checklist promised by text.",
                plan_reviews=[
                    review(
                        "o-1",
                        "in_progress",
                        "Missed the appointment for a shift; rebooking this week.",
                    ),
                    review("st-2a", "done"),
                    review("st-2b", "done"),
                    review("o-2", "in_progress"),
                ],
            ),
        ],
        disengagement=Disengagement(started_at_contact=3),
    )


# --- c. Ruth: contact 5 done, disengaged ----------------------------------------------------------


def ruth() -> Case:
    c1, c2, c3, c4, c5 = -45, -38, -31, -20, -10
    return Case(
        id="c-demo-ruth",
        status="disengaged",
        worker="J. Alvarez",
        created_at=at(c1, 13, 30),
        updated_at=at(c5, 16, 0),
        revision=19,
        client=Client(
            preferred_name="Ruth Okafor",
            pronouns="she/her",
            birth_date=date(1969, 4, 2),
            living_situation="Lives alone in the ground-floor flat she has had for 26 years; "
            "widowed.",
            medical_conditions=["Knee replacement (right), this year", "Type 2 diabetes"],
            language="English",
            reading_level="comfortable",
            how_to_reach="Landline, mornings. Daughter Grace calls every night at nine.",
        ),
        consents=[
            Consent(
                id="cn-1",
                party="Bridgeway Clinic",
                scope="Referral, attendance and treatment plan",
                starts=d(c2),
                ends=d(c5),
            ),
            Consent(
                id="cn-2",
                party="Northside Physical Therapy",
                scope="Referral from Dr. Lin",
                starts=d(c2),
                ends=d(c5),
            ),
            Consent(
                id="cn-3",
                party="Grace Okafor (daughter)",
                scope="Appointment times and transport only",
                starts=d(c1),
                ends=d(c5),
            ),
        ],
        strengths=[
            strength(
                "s-1",
                "vocational_educational",
                "past",
                "I was a ward clerk at County General for twenty-two years. Nothing got lost "
                "on my shift.",
                prompt="work-jobs",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-2",
                "social_supports",
                "current",
                "Grace. She calls every night at nine, and I pick up.",
                prompt="social-family",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-3",
                "health",
                "current",
                "I told Dr. Lin myself that I was taking more than I should. Nobody made me.",
                prompt="recovery-tried",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-4",
                "spirituality_culture",
                "current",
                "At Mt. Olive they still save my seat. Forty years I sat there.",
                prompt="meaning-belonging",
                contact=2,
                on=d(c2),
            ),
            strength(
                "s-5",
                "health",
                "past",
                "After the operation the therapists said six weeks to walk without the frame. "
                "I did it in four.",
                prompt="health-best",
                contact=2,
                on=d(c2),
            ),
            strength(
                "s-6",
                "financial",
                "current",
                "My bills are paid the day the pension comes in. Always have been.",
                prompt="money-on-top",
                contact=2,
                on=d(c2),
            ),
            strength(
                "s-7",
                "daily_living",
                "current",
                "I still cook Sunday jollof for whoever turns up.",
                prompt="daily-meals",
                contact=3,
                on=d(c3),
            ),
            strength(
                "s-8",
                "leisure",
                "desired",
                "I want to do jigsaws with my grandsons again. The thousand-piece ones.",
                prompt="leisure-pick-up-again",
                contact=4,
                on=d(c4),
            ),
        ],
        non_strengths=[
            NonStrength(
                id="ns-1",
                kind="physical_health",
                note="Ongoing knee pain since the replacement; took more of the prescribed "
                "pain pills than directed for about three months. Diabetes managed with "
                "tablets.",
                noted_on=d(c1),
                follow_up="Linked with Bridgeway and Northside PT; Dr. Lin oversees the taper.",
                open=False,
                closed_on=d(c5),
            )
        ],
        goals=[
            Goal(
                id="g-1",
                words="I want to get off the pain pills without going through hell again.",
                domain="health",
                set_on=d(c1),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-1",
                        text="Go to an intake appointment at Bridgeway Clinic.",
                        measure="Intake done and a taper plan agreed with the Bridgeway doctor.",
                        target_date=d(c3),
                        status="achieved",
                        achieved_on=d(c3),
                        gas_level=0,
                        strategies=[
                            Strategy(
                                id="st-1a",
                                step="Call Bridgeway intake with the case manager beside her.",
                                who="Ruth, with case manager",
                                target_date=d(-40),
                                done=True,
                                done_on=d(c2),
                            ),
                            Strategy(
                                id="st-1b",
                                step="Grace drives her to the intake appointment.",
                                who="Grace",
                                target_date=d(-33),
                                done=True,
                                done_on=d(c3),
                            ),
                        ],
                    ),
                    Objective(
                        id="o-2",
                        text="Keep every Bridgeway appointment for four weeks.",
                        measure="No missed appointments between intake and contact 5 "
                        "(Bridgeway attendance sheet).",
                        target_date=d(c5),
                        status="achieved",
                        achieved_on=d(c5),
                        gas_level=1,
                    ),
                ],
            ),
            Goal(
                id="g-2",
                words="I want to sing with my choir again.",
                domain="spirituality_culture",
                set_on=d(c2),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-3",
                        text="Go to one Thursday evening practice at Mt. Olive.",
                        measure="She was there.",
                        target_date=d(-24),
                        status="achieved",
                        achieved_on=d(c4),
                        gas_level=2,
                        strategies=[
                            Strategy(
                                id="st-3a",
                                step="Ask Deacon Ellis whether someone can give her a ride.",
                                who="Ruth",
                                target_date=d(-34),
                                done=True,
                                done_on=d(c3),
                            )
                        ],
                    )
                ],
            ),
            Goal(
                id="g-3",
                words="I want my knee to let me climb the stairs at Grace's house.",
                domain="health",
                set_on=d(c2),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-4",
                        text="Start physical therapy at Northside PT.",
                        measure="First session attended.",
                        target_date=d(-21),
                        status="achieved",
                        achieved_on=d(c4),
                        gas_level=0,
                    ),
                    Objective(
                        id="o-5",
                        text="Walk to the corner shop and back three times a week.",
                        measure="Ruth's tally on the kitchen calendar.",
                        target_date=d(c5),
                        status="achieved",
                        achieved_on=d(c5),
                        gas_level=-1,
                        strategies=[
                            Strategy(
                                id="st-5a",
                                step="Hang the tally calendar by the kettle.",
                                who="Ruth",
                                target_date=d(-28),
                                done=True,
                                done_on=d(c4),
                            )
                        ],
                    ),
                ],
            ),
        ],
        barriers=[
            Barrier(
                id="b-1",
                text="Afraid of withdrawal: very sick when she stopped suddenly earlier this year.",
                objective_id="o-1",
                noted_on=d(c1),
                resolved=True,
                resolved_on=d(c3),
            ),
            Barrier(
                id="b-2",
                text="No car since she sold it; evening buses stop at 8.",
                objective_id="o-3",
                noted_on=d(c2),
                resolved=True,
                resolved_on=d(c3),
            ),
            Barrier(
                id="b-3",
                text="The knee aches on cold mornings.",
                objective_id="o-5",
                noted_on=d(c3),
            ),
        ],
        resources=[
            Resource(
                id="res-bridgeway",
                name="Bridgeway Clinic",
                kind="formal",
                how_to_reach="Front desk; counselor Ms. Ferreira",
                note="Medication-assisted taper; Wednesday women's group.",
            ),
            Resource(id="res-pt", name="Northside Physical Therapy", kind="formal"),
            Resource(
                id="res-stluke",
                name="St. Luke's bereavement group",
                kind="formal",
            ),
            Resource(
                id="res-choir",
                name="Mt. Olive Baptist Church choir",
                kind="informal",
                how_to_reach="Deacon Ellis",
                note="Practice Thursdays 7 pm.",
            ),
            Resource(id="res-grace", name="Grace (daughter)", kind="informal"),
            Resource(
                id="res-hymns",
                name="Saturday hymn-sing with her neighbour Mrs. Adeyemi",
                kind="created",
            ),
        ],
        referrals=[
            Referral(
                id="ref-1",
                resource_id="res-bridgeway",
                purpose="Taper from prescription pain pills",
                objective_id="o-1",
                history=ladder(
                    ("suggested", c1),
                    ("referred", c2),
                    ("contacted", c2),
                    ("linked", c3),
                    ("retained", c5),
                ),
            ),
            Referral(
                id="ref-2",
                resource_id="res-pt",
                purpose="Knee rehabilitation",
                objective_id="o-4",
                history=ladder(
                    ("suggested", c2), ("referred", c3), ("linked", c4), ("retained", c5)
                ),
            ),
            Referral(
                id="ref-3",
                resource_id="res-choir",
                purpose="Back to choir",
                objective_id="o-3",
                history=ladder(
                    ("suggested", c2), ("contacted", c3), ("linked", c4), ("retained", c5)
                ),
            ),
            Referral(
                id="ref-4",
                resource_id="res-stluke",
                purpose="Grief support",
                history=ladder(("suggested", c3), ("declined", c4)),
            ),
        ],
        tasks=[
            Task(
                id="t-1",
                text="Find out whether Bridgeway takes Medicare and how soon intake can be.",
                due=d(-42),
                contact=1,
                done=True,
                done_on=d(-42),
            ),
            Task(
                id="t-2",
                text="Send Dr. Lin's PT referral to Northside.",
                due=d(-35),
                contact=2,
                done=True,
                done_on=d(-34),
            ),
            Task(
                id="t-3",
                text="Ask Deacon Ellis about a ride on Thursdays.",
                owner="client",
                due=d(-34),
                contact=2,
                done=True,
                done_on=d(-33),
            ),
            Task(
                id="t-4",
                text="Print Ruth's strengths list in large type.",
                due=d(-24),
                contact=3,
                done=True,
                done_on=d(-25),
            ),
            Task(
                id="t-5",
                text="Keep the walking tally on the calendar.",
                owner="client",
                due=d(c5),
                contact=3,
                done=True,
                done_on=d(c5),
            ),
        ],
        contacts=[
            Contact(
                number=1,
                on=d(c1),
                minutes=55,
                steps_done=BRIEF_STEPS[1],
                summary="Met at home after her GP visit. Ruth wants off the pain pills and "
                "told her doctor herself. Frightened of withdrawal after last time. Strengths: "
                "twenty-two years as a ward clerk, Grace, a church that still saves her seat.",
            ),
            Contact(
                number=2,
                on=d(c2),
                minutes=50,
                steps_done=BRIEF_STEPS[2],
                carried_over="Bridgeway and Medicare; last time's withdrawal.",
                summary="Called Bridgeway together; intake booked. New goals: choir and the "
                "stairs at Grace's. PT referral from Dr. Lin to go to Northside.",
                plan_reviews=[
                    review("st-1a", "done", "She did the talking."),
                    review("o-1", "in_progress"),
                ],
            ),
            Contact(
                number=3,
                on=d(c3),
                minutes=45,
                steps_done=BRIEF_STEPS[3],
                carried_over="Intake day; a ride to choir.",
                summary="Intake done; the Bridgeway doctor explained a slow taper, which "
                "eased her fear. Deacon Ellis arranged a ride. Talked about our work ending "
                "at contact 5 and who she will call then. Offered St. Luke's group.",
                plan_reviews=[
                    review("st-1b", "done"),
                    review("o-1", "done", "Taper plan agreed."),
                    review("st-3a", "done"),
                    review("o-3", "in_progress"),
                ],
            ),
            Contact(
                number=4,
                on=d(c4),
                minutes=40,
                steps_done=BRIEF_STEPS[4],
                carried_over="Choir; first PT session.",
                summary="Went to choir three Thursdays and was asked to sing alto. PT started. "
                "Went over her strengths and what she has done in five weeks; she kept the "
                "list. Declined the grief group: 'choir is my grief group'.",
                plan_reviews=[
                    review("o-3", "done", "Three practices, not one."),
                    review("o-4", "done"),
                    review("st-5a", "done"),
                    review("o-5", "in_progress"),
                    review("o-2", "in_progress"),
                ],
            ),
            Contact(
                number=5,
                on=d(c5),
                minutes=45,
                steps_done=BRIEF_STEPS[5],
                carried_over="Four weeks at Bridgeway; the walking tally.",
                summary="No missed Bridgeway appointments and she joined the Wednesday "
                "women's group. Walks twice most weeks rather than three; Ruth counts it a "
                "win. Went over how she reaches everyone herself. Case disengaged.",
                plan_reviews=[
                    review("o-2", "done", "Plus the Wednesday group."),
                    review("o-5", "done", "Twice most weeks; she will keep going."),
                ],
            ),
        ],
        disengagement=Disengagement(
            started_at_contact=3,
            accomplishments="Started the Bridgeway taper and kept every appointment for four "
            "weeks; back at choir on Thursdays, singing alto; physical therapy under way; "
            "walking to the corner shop most weeks.",
            independent_contact="Bridgeway's number and Ms. Ferreira's name are on her fridge; "
            "Deacon Ellis arranges her Thursday ride; Grace drives her to PT. She knows she "
            "can call the agency's main line to start again.",
            completed_on=d(c5),
        ),
    )


# --- d. Destiny (JSON): a young parent at contact 2 -----------------------------------------------


def destiny() -> Case:
    c1, c2 = -11, -4
    return Case(
        id="c-demo-destiny",
        worker="M. Duarte",
        created_at=at(c1, 16, 0),
        updated_at=at(c2, 18, 10),
        revision=7,
        next_contact_on=d(3),
        client=Client(
            preferred_name="Destiny Price",
            pronouns="she/her",
            birth_date=date(2007, 3, 14),
            living_situation="With her aunt Carla and her son Malik (7 months) in Carla's "
            "two-bedroom apartment; Destiny and Malik share the living room.",
            language="English",
            reading_level="comfortable",
            how_to_reach="Text only; her phone is on silent at work.",
        ),
        consents=[
            Consent(
                id="cn-1",
                party="Adult Learning Center",
                scope="GED enrolment and childcare place",
                starts=d(c1),
            ),
            Consent(
                id="cn-2",
                party="Maple Court Young Parent Housing",
                scope="Housing application",
                starts=d(c2),
            ),
            Consent(
                id="cn-3",
                party="Malik's father and his family",
                decision="refused",
                starts=d(c1),
                note="Nothing is to be shared with them, including where she lives.",
            ),
        ],
        strengths=[
            strength(
                "s-1",
                "daily_living",
                "current",
                "Malik's on a routine. Bath, bottle, song, bed. Even my aunt says I'm good at it.",
                prompt="daily-good-day",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-2",
                "health",
                "current",
                "I haven't missed one of Malik's checkups. Not one.",
                prompt="health-looking-after",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-3",
                "vocational_educational",
                "past",
                "I was on the honor roll in tenth grade. Biology was my thing.",
                prompt="work-learned",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-4",
                "social_supports",
                "current",
                "Aunt Carla took us in with no questions. And Jaz has a car and always picks up.",
                prompt="social-friends",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-5",
                "financial",
                "current",
                "I budget in an app. WIC covers formula and I know exactly what's left every week.",
                prompt="money-stretch",
                contact=2,
                on=d(c2),
            ),
            strength(
                "s-6",
                "leisure",
                "current",
                "I braid. Box braids, cornrows. People book me on Saturdays.",
                prompt="leisure-fun",
                contact=2,
                on=d(c2),
            ),
            strength(
                "s-7",
                "vocational_educational",
                "desired",
                "I want to be a medical assistant. I like the idea of being the calm one in "
                "the room.",
                prompt="work-dream",
                contact=2,
                on=d(c2),
            ),
            strength(
                "s-8",
                "spirituality_culture",
                "current",
                "My grandma used to say 'you can't pour from an empty cup'. I try to "
                "remember that.",
                prompt="meaning-strength",
                contact=2,
                on=d(c2),
            ),
        ],
        non_strengths=[
            NonStrength(
                id="ns-1",
                kind="other",
                note="Says she has felt low since Malik was born, 'but not, like, bad bad'. "
                "Asked directly: no thoughts of harming herself or Malik.",
                noted_on=d(c2),
                follow_up="Gave her the postpartum support line card; she put the number in "
                "her phone. Ask again at contact 3.",
            )
        ],
        goals=[
            Goal(
                id="g-1",
                words="I want to finish my GED so I can train to be a medical assistant.",
                domain="vocational_educational",
                set_on=d(c1),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-1",
                        text="Sign up for the GED class at the Adult Learning Center that "
                        "has childcare.",
                        measure="Registration slip in hand.",
                        target_date=d(7),
                        status="in_progress",
                        strategies=[
                            Strategy(
                                id="st-1a",
                                step="Visit the center with Malik to see the childcare room.",
                                who="Destiny",
                                target_date=d(-6),
                                done=True,
                                done_on=d(c2),
                            ),
                            Strategy(
                                id="st-1b",
                                step="Ask the center about a fee waiver.",
                                who="Case manager",
                                target_date=d(3),
                            ),
                        ],
                    )
                ],
            ),
            Goal(
                id="g-2",
                words="Me and Malik need our own place before he turns two.",
                domain="daily_living",
                set_on=d(c2),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-2",
                        text="Apply to Maple Court young-parent housing.",
                        measure="Application handed in, with a copy kept.",
                        target_date=d(21),
                        strategies=[
                            Strategy(
                                id="st-2a",
                                step="Get the application and read it through together.",
                                who="Case manager and Destiny",
                                target_date=d(5),
                            ),
                            Strategy(
                                id="st-2b",
                                step="Ask the salon manager for three months of pay stubs.",
                                who="Destiny",
                                target_date=d(10),
                            ),
                        ],
                    )
                ],
            ),
        ],
        barriers=[
            Barrier(
                id="b-1",
                text="Class nights clash with her late shifts at the salon.",
                objective_id="o-1",
                noted_on=d(c2),
            ),
            Barrier(
                id="b-2",
                text="Paid partly in cash, so proof of income is thin.",
                objective_id="o-2",
                noted_on=d(c2),
            ),
        ],
        resources=[
            Resource(
                id="res-alc",
                name="Adult Learning Center",
                kind="formal",
                note="GED classes Tue/Thu evenings; free childcare room.",
            ),
            Resource(
                id="res-maple",
                name="Maple Court Young Parent Housing",
                kind="formal",
            ),
            Resource(id="res-wic", name="WIC office, Grant Ave", kind="formal"),
            Resource(id="res-carla", name="Aunt Carla", kind="informal"),
            Resource(id="res-jaz", name="Jaz (friend, has a car)", kind="informal"),
            Resource(
                id="res-braids",
                name="Saturday braiding for neighbours (her own small business)",
                kind="created",
            ),
        ],
        referrals=[
            Referral(
                id="ref-1",
                resource_id="res-alc",
                purpose="GED class with childcare",
                objective_id="o-1",
                history=ladder(("suggested", c1), ("referred", c2)),
            ),
            Referral(
                id="ref-2",
                resource_id="res-maple",
                purpose="Housing for her and Malik",
                objective_id="o-2",
                history=ladder(("suggested", c2)),
            ),
        ],
        tasks=[
            Task(
                id="t-1",
                text="Find GED classes that have childcare.",
                due=d(-7),
                contact=1,
                done=True,
                done_on=d(-8),
            ),
            Task(
                id="t-2",
                text="Ask the Adult Learning Center about a fee waiver.",
                due=d(3),
                contact=2,
            ),
            Task(
                id="t-3",
                text="Pick up the Maple Court application.",
                due=d(5),
                contact=2,
            ),
            Task(
                id="t-4",
                text="Ask my manager for pay stubs.",
                owner="client",
                due=d(10),
                contact=2,
            ),
        ],
        contacts=[
            Contact(
                number=1,
                on=d(c1),
                minutes=45,
                medium="in_person",
                steps_done=BRIEF_STEPS[1],
                summary="Met at the WIC office with Malik on her hip. Destiny wants her GED "
                "and then medical-assistant training. Strengths: Malik's routine, every "
                "checkup kept, honor roll in biology.",
            ),
            Contact(
                number=2,
                on=d(c2),
                minutes=40,
                medium="video",
                steps_done=BRIEF_STEPS[2],
                carried_over="GED classes with childcare.",
                summary="She visited the Adult Learning Center with Malik and liked the "
                "childcare room. New goal: a place of their own. Mentioned feeling low since "
                "the birth; no thoughts of harm; took the support line number.",
                plan_reviews=[
                    review("st-1a", "done", "Went on Tuesday with Malik."),
                    review("o-1", "in_progress", "Sign-up opens Monday."),
                ],
            ),
        ],
    )


# --- e. Hollis: long-term, 26 contacts over fourteen months ---------------------------------------

_HOLLIS_CONTACTS: list[tuple[int, str, int, list[str], str, list[PlanReview]]] = [
    (
        -430,
        "in_person",
        60,
        ["engagement", "first-strengths", "summary"],
        "Met at Carver House two days after discharge from St. Vincent's. Hollis talked about "
        "thirty years driving delivery trucks and about his daughter Lena. Named his humour and "
        "his memory for routes as strengths.",
        [],
    ),
    (
        -423,
        "in_person",
        55,
        ["review", "strengths-everyday", "strengths-people", "summary"],
        "Everyday strengths: keeps his room spotless, cooks on a hot plate, budgets his "
        "pension to the dollar. People: his old dispatcher Earl; Lena, not in touch for six "
        "years. Cardiology referral made at his request.",
        [],
    ),
    (
        -416,
        "in_person",
        50,
        ["review", "strengths", "goals", "summary"],
        "First goals in his words: a place of his own, staying off the bottle, talking to Lena "
        "again.",
        [],
    ),
    (
        -409,
        "in_person",
        60,
        ["review", "plan", "barriers", "linkage", "summary"],
        "Objectives and strategies set for housing and recovery. Barriers: waiting lists, no "
        "photo ID. Referred to Northgate Recovery's Tuesday men's group and Linden Terrace.",
        [],
    ),
    (
        -395,
        "phone",
        25,
        ["review", "linkage", "barriers", "summary"],
        "Photo ID done. Two Tuesday groups so far; he likes the facilitator.",
        [
            review("st-1a1", "done"),
            review("st-3a1", "done"),
            review("o-3a", "in_progress", "Two Tuesdays."),
        ],
    ),
    (
        -381,
        "in_person",
        50,
        ["review", "strengths", "goals", "linkage", "disengagement", "summary"],
        "Raised how our work would end. Hollis asked to keep meeting until he has a place; "
        "agreed with my supervisor to continue long-term support. New goals: his teeth and his "
        "driving licence.",
        [
            review("st-1a2", "done"),
            review("o-1a", "done", "Application accepted; number 212 on the list."),
        ],
    ),
    (
        -367,
        "in_person",
        45,
        ["review", "achievements", "barriers", "linkage", "disengagement", "summary"],
        "Listed what he has done in two months: ID, housing application, six Tuesdays in a "
        "row. Offered a peer mentor; he'll think about it. Barrier: dental waiting lists.",
        [review("o-3a", "in_progress", "Six in a row.")],
    ),
    (
        -353,
        "in_person",
        45,
        ["review", "linkage", "summary"],
        "Agreed to meet every three weeks from here. Dental school clinic referral made. He "
        "turned down the peer mentor: 'the Tuesday lot are enough'.",
        [review("st-5a1", "done"), review("o-5a", "in_progress")],
    ),
    (
        -332,
        "outreach",
        30,
        ["review", "summary"],
        "Missed our meeting; found him at the tool library. He had lost track of the day. "
        "Asked for a wall calendar, which I brought.",
        [review("st-2a1", "done"), review("o-2a", "in_progress")],
    ),
    (
        -311,
        "in_person",
        50,
        ["review", "linkage", "summary"],
        "Twelve Tuesdays signed on his card; he is staying on. Started drafting a letter to "
        "Lena; he wrote it in pencil first.",
        [
            review("o-3a", "done", "Twelve Tuesdays; still going."),
            review("o-4a", "in_progress"),
        ],
    ),
    (
        -290,
        "in_person",
        45,
        ["review", "linkage", "summary"],
        "Dental assessment done: eight visits to fit dentures. Aunt June gave him Lena's address.",
        [review("st-4a1", "done"), review("o-5a", "in_progress", "Eight visits planned.")],
    ),
    (
        -269,
        "in_person",
        50,
        ["review", "linkage", "summary"],
        "He posted the letter to Lena. Decided to drop the licence: insurance would cost more "
        "than a year of bus passes. New goal: something useful to do with his hands.",
        [
            review("o-4a", "done", "Posted on Monday."),
            review("o-2a", "dropped", "His decision: the bus pass does the job."),
        ],
    ),
    (
        -248,
        "phone",
        20,
        ["review", "summary"],
        "Short call. Lena wrote back with a card. He read it to me twice.",
        [],
    ),
    (
        -227,
        "in_person",
        50,
        ["review", "linkage", "summary"],
        "Linden Terrace list now about fourteen months. Revised the housing objective together: "
        "widen to Oak Street Apartments, new target date. Visited the tool library together.",
        [review("o-1b", "revised", "Added Oak Street; target moved.")],
    ),
    (
        -206,
        "in_person",
        45,
        ["review", "linkage", "summary"],
        "Volunteering Wednesday mornings at the tool library, fixing handles and sharpening. "
        "Oak Street application in.",
        [review("o-6a", "in_progress", "Wednesdays so far.")],
    ),
    (
        -185,
        "in_person",
        45,
        ["review", "linkage", "summary"],
        "Cardiology check-up: some fluid building up; tablets changed. Set up a pill box "
        "together and agreed a new objective about his heart tablets.",
        [],
    ),
    (
        -164,
        "in_person",
        40,
        ["review", "summary"],
        "Missed doses twice this fortnight; ankles swollen. Pharmacy blister packs arranged.",
        [review("st-3b1", "done"), review("o-3b", "in_progress")],
    ),
    (
        -143,
        "in_person",
        50,
        ["review", "linkage", "summary"],
        "Now two mornings a week at the tool library, and they asked him to teach a Saturday "
        "sharpening class. He said yes, then worried; we talked it through.",
        [review("o-6a", "done", "Two mornings a week for a month, and a class.")],
    ),
    (
        -122,
        "in_person",
        55,
        ["review", "summary"],
        "Met Lena for coffee at the diner on Fifth, first time in seven years. 'Better than I "
        "deserved.' She agreed to hear news about his housing.",
        [review("o-4b", "done")],
    ),
    (
        -101,
        "phone",
        25,
        ["review", "summary"],
        "His brother Dale phoned asking for money. Hollis withdrew consent for Dale to be told "
        "anything.",
        [],
    ),
    (
        -80,
        "in_person",
        60,
        ["review", "summary"],
        "Earl died. Hollis drank for two days after the funeral and called his sponsor himself "
        "on the third. Said he 'didn't see the point of going on'; no plan. Safety plan made "
        "with him; supervisor told.",
        [review("o-3b", "in_progress", "Missed doses during the two days.")],
    ),
    (
        -59,
        "in_person",
        45,
        ["review", "summary"],
        "Dentures fitted. He brought an apple to prove it. No further dark thoughts; sober "
        "since the funeral.",
        [review("o-5a", "done")],
    ),
    (
        -45,
        "in_person",
        40,
        ["review", "linkage", "summary"],
        "Oak Street interview done; he is on their shortlist. Safety plan reviewed, still no "
        "dark thoughts.",
        [],
    ),
    (
        -31,
        "in_person",
        45,
        ["review", "linkage", "summary"],
        "Linden Terrace called with a viewing date. Gathered his paperwork together. Closed "
        "the safety note with his agreement.",
        [review("st-1b1", "in_progress", "Still calling every first Monday.")],
    ),
    (
        -17,
        "in_person",
        50,
        ["review", "linkage", "disengagement", "summary"],
        "Viewed a one-bedroom at Linden Terrace; he liked the window. Began planning the end "
        "of our work for after the move: who he calls for what.",
        [],
    ),
    (
        -3,
        "in_person",
        50,
        ["review", "linkage", "disengagement", "summary"],
        "Offer letter came: move-in expected in about six weeks. Talked about the furniture bank "
        "and what support he wants after moving. Reviewed the plan.",
        [
            review("o-3b", "in_progress", "Blister pack right on the day all month."),
            review("st-1b2", "in_progress", "Waiting on a move-in date."),
        ],
    ),
]


def hollis() -> Case:
    first, last = _HOLLIS_CONTACTS[0][0], _HOLLIS_CONTACTS[-1][0]
    contacts = [
        Contact(
            number=n,
            on=d(offset),
            minutes=minutes,
            medium=medium,
            steps_done=steps,
            summary=summary,
            plan_reviews=reviews,
        )
        for n, (offset, medium, minutes, steps, summary, reviews) in enumerate(
            _HOLLIS_CONTACTS, start=1
        )
    ]
    contacts[0].notes = (
        "Hard of hearing on the left: sat on his right. He asked that the house manager not "
        "be told anything."
    )
    return Case(
        id="c-demo-hollis",
        protocol="long-term",
        worker="K. Osei",
        created_at=at(first, 10, 15),
        updated_at=at(last, 15, 40),
        revision=87,
        next_contact_on=d(11),
        client=Client(
            preferred_name="Hollis Grant",
            pronouns="he/him",
            birth_date=date(1963, 8, 9),
            living_situation="A single room at Carver House (rooming house, shared kitchen); "
            "offered a one-bedroom at Linden Terrace, moving in about six weeks.",
            medical_conditions=["Heart failure", "Hearing loss, left ear"],
            language="English",
            reading_level="comfortable",
            how_to_reach="Carver House payphone is unreliable; has his own mobile now. "
            "Tuesdays he is at Northgate until 8.",
        ),
        consents=[
            Consent(
                id="cn-1",
                party="Mercy Heart Clinic",
                scope="Referral and appointment times",
                starts=d(-423),
            ),
            Consent(
                id="cn-2",
                party="Northgate Recovery",
                scope="Referral and attendance",
                starts=d(-409),
            ),
            Consent(
                id="cn-3",
                party="Linden Terrace Senior Housing",
                scope="Housing application and references",
                starts=d(-409),
            ),
            Consent(
                id="cn-4",
                party="University Dental School Clinic",
                scope="Referral",
                starts=d(-353),
                ends=d(-59),
            ),
            Consent(
                id="cn-5",
                party="Carver House manager",
                decision="refused",
                starts=d(-430),
                note="Does not want the house manager told anything about his health or drinking.",
            ),
            Consent(
                id="cn-6",
                party="Dale Grant (brother)",
                decision="revoked",
                scope="How to reach Hollis",
                starts=d(-416),
                ends=d(-101),
                note="Withdrawn at contact 20.",
            ),
            Consent(
                id="cn-7",
                party="Lena Grant (daughter)",
                scope="News about his housing and how to reach him; nothing about health",
                starts=d(-122),
            ),
            Consent(
                id="cn-8",
                party="Oak Street Apartments",
                scope="Housing application",
                starts=d(-206),
            ),
        ],
        strengths=[
            strength(
                "s-1",
                "vocational_educational",
                "past",
                "Thirty years driving delivery. I knew every loading dock in three counties "
                "and never lost a load.",
                prompt="work-jobs",
                contact=1,
                on=d(-430),
            ),
            strength(
                "s-2",
                "leisure",
                "current",
                "I can still make a nurse laugh. Got two of them at St. Vincent's.",
                prompt="general-others-say",
                contact=1,
                on=d(-430),
            ),
            strength(
                "s-3",
                "daily_living",
                "current",
                "My room's the cleanest in the house. Army taught me that and it stuck.",
                prompt="daily-home",
                contact=2,
                on=d(-423),
            ),
            strength(
                "s-4",
                "financial",
                "current",
                "The pension lasts the month. I do it with envelopes.",
                prompt="money-stretch",
                contact=2,
                on=d(-423),
            ),
            strength(
                "s-5",
                "social_supports",
                "past",
                "Earl, my old dispatcher. Forty years of friendship and never once a cross word "
                "we didn't fix by Friday.",
                prompt="relationships-good-for-both",
                contact=2,
                on=d(-423),
            ),
            strength(
                "s-6",
                "social_supports",
                "desired",
                "I want Lena to know I'm not the man I was when she was twenty.",
                prompt="social-family",
                contact=3,
                on=d(-416),
            ),
            strength(
                "s-7",
                "health",
                "past",
                "I was sober nine years in the eighties and nineties. Meetings and work kept "
                "me busy.",
                prompt="recovery-sober-time",
                contact=3,
                on=d(-416),
            ),
            strength(
                "s-8",
                "vocational_educational",
                "current",
                "I can put an edge on anything. Chisels, mower blades, kitchen knives.",
                prompt="work-show-someone",
                contact=15,
                on=d(-206),
            ),
            strength(
                "s-9",
                "health",
                "current",
                "When Earl died I drank for two days. On the third I called Frank myself. "
                "That's new for me.",
                prompt="recovery-pull-resisted",
                contact=21,
                on=d(-80),
            ),
            strength(
                "s-10",
                "spirituality_culture",
                "current",
                "The Tuesday lot. We aren't church but it's the closest I've got.",
                prompt="meaning-belonging",
                contact=21,
                on=d(-80),
            ),
        ],
        non_strengths=[
            NonStrength(
                id="ns-1",
                kind="physical_health",
                note="Heart failure after a long hospital stay; four daily medicines; ankles "
                "swell when doses are missed.",
                noted_on=d(-430),
                follow_up="Blister packs since contact 17. Ask about ankles and breathlessness "
                "at each visit.",
            ),
            NonStrength(
                id="ns-2",
                kind="intrinsic_limitation",
                note="Hard of hearing in the left ear; sit on his right and face him.",
                noted_on=d(-430),
            ),
            NonStrength(
                id="ns-3",
                kind="suicidal_ideation_or_attempt",
                note="After Earl's funeral said he 'didn't see the point of going on'. No plan "
                "or means.",
                noted_on=d(-80),
                follow_up="Safety plan with him and his sponsor Frank; supervisor told. Asked at "
                "contacts 22 to 24: no further thoughts. Closed with his agreement.",
                open=False,
                closed_on=d(-31),
            ),
        ],
        goals=[
            Goal(
                id="g-1",
                words="A place of my own, with a door that locks and a window I can open.",
                domain="daily_living",
                set_on=d(-416),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-1a",
                        text="Apply for a one-bedroom at Linden Terrace senior housing.",
                        measure="Application accepted and a waiting-list number received.",
                        target_date=d(-380),
                        status="achieved",
                        achieved_on=d(-381),
                        gas_level=1,
                        strategies=[
                            Strategy(
                                id="st-1a1",
                                step="Get a state photo ID (order the birth certificate first).",
                                who="Hollis",
                                target_date=d(-400),
                                done=True,
                                done_on=d(-395),
                            ),
                            Strategy(
                                id="st-1a2",
                                step="Fill in the Linden Terrace application together.",
                                who="Case manager and Hollis",
                                target_date=d(-385),
                                done=True,
                                done_on=d(-381),
                            ),
                        ],
                    ),
                    Objective(
                        id="o-1b",
                        text="Move into a one-bedroom at Linden Terrace or Oak Street Apartments.",
                        measure="Keys in hand and tenancy signed.",
                        target_date=d(45),
                        status="revised",
                        strategies=[
                            Strategy(
                                id="st-1b1",
                                step="Call Linden Terrace on the first Monday of each month "
                                "to stay on the list.",
                                who="Hollis",
                                target_date=d(10),
                            ),
                            Strategy(
                                id="st-1b2",
                                step="Book the furniture bank once there is a move-in date.",
                                who="Case manager",
                                target_date=d(30),
                            ),
                        ],
                    ),
                ],
            ),
            Goal(
                id="g-2",
                words="Stay off the bottle and keep this heart going.",
                domain="health",
                set_on=d(-416),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-3a",
                        text="Go to the Tuesday men's group at Northgate Recovery every "
                        "week for three months.",
                        measure="Attendance card signed twelve times.",
                        target_date=d(-320),
                        status="achieved",
                        achieved_on=d(-311),
                        gas_level=2,
                        strategies=[
                            Strategy(
                                id="st-3a1",
                                step="Introduce Hollis to the group facilitator.",
                                who="Case manager",
                                target_date=d(-402),
                                done=True,
                                done_on=d(-395),
                            )
                        ],
                    ),
                    Objective(
                        id="o-3b",
                        text="Take the heart tablets every day.",
                        measure="Blister pack on the right day at each visit.",
                        target_date=d(30),
                        status="in_progress",
                        strategies=[
                            Strategy(
                                id="st-3b1",
                                step="Ask the pharmacy for weekly blister packs.",
                                who="Case manager and pharmacy",
                                target_date=d(-170),
                                done=True,
                                done_on=d(-164),
                            )
                        ],
                    ),
                ],
            ),
            Goal(
                id="g-3",
                words="Talk to my daughter again.",
                domain="social_supports",
                set_on=d(-416),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-4a",
                        text="Write Lena a letter.",
                        measure="Letter posted.",
                        target_date=d(-280),
                        status="achieved",
                        achieved_on=d(-269),
                        gas_level=0,
                        strategies=[
                            Strategy(
                                id="st-4a1",
                                step="Ask Aunt June for Lena's address.",
                                who="Hollis",
                                target_date=d(-300),
                                done=True,
                                done_on=d(-290),
                            )
                        ],
                    ),
                    Objective(
                        id="o-4b",
                        text="Meet Lena for coffee.",
                        measure="They met.",
                        target_date=d(-120),
                        status="achieved",
                        achieved_on=d(-122),
                        gas_level=1,
                    ),
                ],
            ),
            Goal(
                id="g-4",
                words="Get my teeth fixed so I can eat an apple.",
                domain="health",
                set_on=d(-381),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-5a",
                        text="Get dentures fitted at the university dental school clinic.",
                        measure="Dentures fitted.",
                        target_date=d(-60),
                        status="achieved",
                        achieved_on=d(-59),
                        gas_level=0,
                        strategies=[
                            Strategy(
                                id="st-5a1",
                                step="Make the referral and check the sliding-fee scale.",
                                who="Case manager",
                                target_date=d(-360),
                                done=True,
                                done_on=d(-353),
                            )
                        ],
                    )
                ],
            ),
            Goal(
                id="g-5",
                words="Get my driving licence back.",
                domain="daily_living",
                set_on=d(-381),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-2a",
                        text="Pass the written driving test at the DMV.",
                        measure="Pass slip.",
                        target_date=d(-280),
                        status="dropped",
                        strategies=[
                            Strategy(
                                id="st-2a1",
                                step="Borrow the driver's handbook from the library.",
                                who="Hollis",
                                target_date=d(-340),
                                done=True,
                                done_on=d(-332),
                            )
                        ],
                    )
                ],
            ),
            Goal(
                id="g-6",
                words="Do something useful with my hands again.",
                domain="vocational_educational",
                set_on=d(-269),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-6a",
                        text="Volunteer at the Eastside Tool Library two mornings a week.",
                        measure="Volunteer log shows two mornings a week for a month.",
                        target_date=d(-150),
                        status="achieved",
                        achieved_on=d(-143),
                        gas_level=2,
                    )
                ],
            ),
        ],
        barriers=[
            Barrier(
                id="b-1",
                text="No photo ID.",
                objective_id="o-1a",
                noted_on=d(-409),
                resolved=True,
                resolved_on=d(-395),
            ),
            Barrier(
                id="b-2",
                text="Linden Terrace waiting list runs over a year.",
                objective_id="o-1b",
                noted_on=d(-227),
            ),
            Barrier(
                id="b-3",
                text="Dental clinics in town have long waits and he cannot pay full fees.",
                objective_id="o-5a",
                noted_on=d(-367),
                resolved=True,
                resolved_on=d(-290),
            ),
            Barrier(
                id="b-4",
                text="Loses track of days; missed a meeting.",
                noted_on=d(-332),
                resolved=True,
                resolved_on=d(-311),
            ),
            Barrier(
                id="b-5",
                text="Misses heart tablets when his routine breaks.",
                objective_id="o-3b",
                noted_on=d(-164),
            ),
        ],
        resources=[
            Resource(
                id="res-northgate",
                name="Northgate Recovery",
                kind="formal",
                how_to_reach="Tuesday men's group 6–8 pm",
            ),
            Resource(
                id="res-linden",
                name="Linden Terrace Senior Housing",
                kind="formal",
                how_to_reach="Waiting-list line, first Monday of the month",
            ),
            Resource(id="res-oak", name="Oak Street Apartments", kind="formal"),
            Resource(
                id="res-dental",
                name="University Dental School Clinic",
                kind="formal",
                note="Sliding-fee scale; students supervised.",
            ),
            Resource(
                id="res-mercy",
                name="Mercy Heart Clinic",
                kind="formal",
                how_to_reach="Nurse line for swelling or breathlessness",
            ),
            Resource(id="res-peer", name="Hope Peer Network", kind="formal"),
            Resource(
                id="res-furniture",
                name="Second Home Furniture Bank",
                kind="formal",
            ),
            Resource(id="res-toollib", name="Eastside Tool Library", kind="informal"),
            Resource(id="res-frank", name="Frank (Northgate sponsor)", kind="informal"),
            Resource(
                id="res-class",
                name="Hollis's Saturday sharpening class at the tool library",
                kind="created",
            ),
        ],
        referrals=[
            Referral(
                id="ref-1",
                resource_id="res-mercy",
                purpose="Heart failure follow-up",
                objective_id="o-3b",
                history=ladder(("referred", -423), ("linked", -409), ("retained", -185)),
            ),
            Referral(
                id="ref-2",
                resource_id="res-northgate",
                purpose="Tuesday men's group",
                objective_id="o-3a",
                history=ladder(
                    ("suggested", -416),
                    ("referred", -409),
                    ("contacted", -402),
                    ("linked", -395),
                    ("retained", -311),
                ),
            ),
            Referral(
                id="ref-3",
                resource_id="res-linden",
                purpose="Senior housing",
                objective_id="o-1b",
                history=ladder(("suggested", -416), ("referred", -409), ("contacted", -381)),
            ),
            Referral(
                id="ref-4",
                resource_id="res-dental",
                purpose="Dentures",
                objective_id="o-5a",
                history=ladder(
                    ("suggested", -381), ("referred", -353), ("linked", -290), ("retained", -59)
                ),
            ),
            Referral(
                id="ref-5",
                resource_id="res-peer",
                purpose="Peer mentor",
                history=ladder(("suggested", -367), ("declined", -353)),
            ),
            Referral(
                id="ref-6",
                resource_id="res-toollib",
                purpose="Volunteering",
                objective_id="o-6a",
                history=ladder(
                    ("suggested", -269), ("contacted", -227), ("linked", -206), ("retained", -143)
                ),
            ),
            Referral(
                id="ref-7",
                resource_id="res-oak",
                purpose="Second housing option",
                objective_id="o-1b",
                history=ladder(("suggested", -227), ("referred", -206), ("contacted", -45)),
            ),
            Referral(
                id="ref-8",
                resource_id="res-furniture",
                purpose="Bed, table and two chairs for the new flat",
                history=ladder(("suggested", -3)),
            ),
        ],
        tasks=[
            Task(
                id="t-1",
                text="Bring the birth certificate to the ID office.",
                owner="client",
                due=d(-400),
                contact=4,
                done=True,
                done_on=d(-395),
            ),
            Task(
                id="t-2",
                text="Fill in the Linden Terrace application with Hollis.",
                due=d(-385),
                contact=4,
                done=True,
                done_on=d(-381),
            ),
            Task(
                id="t-3",
                text="Book the dental school assessment.",
                due=d(-340),
                contact=8,
                done=True,
                done_on=d(-338),
            ),
            Task(
                id="t-4",
                text="Bring a big wall calendar.",
                due=d(-325),
                contact=9,
                done=True,
                done_on=d(-330),
            ),
            Task(
                id="t-5",
                text="Ask Linden Terrace whether the move-in date can avoid his cardiology "
                "appointment.",
                due=d(4),
                contact=26,
            ),
            Task(
                id="t-6",
                text="Call Second Home Furniture Bank about a bed, a table and two chairs.",
                due=d(7),
                contact=26,
            ),
            Task(
                id="t-7",
                text="Measure the Linden Terrace window for curtains.",
                owner="client",
                due=d(14),
                contact=26,
            ),
        ],
        contacts=contacts,
        disengagement=Disengagement(
            started_at_contact=6,
            independent_contact="Already calls Northgate, Frank and the Mercy nurse line "
            "himself. Ending to be planned around the move.",
        ),
    )


# --- f. Reggie: at contact 4; does not read; a diabetic foot -------------------------------------


def reggie() -> Case:
    c1, c2, c3, c4 = -24, -17, -10, -3
    return Case(
        id="c-demo-reggie",
        worker="T. Lindqvist",
        created_at=at(c1, 11, 0),
        updated_at=at(c4, 14, 50),
        revision=15,
        next_contact_on=d(7),
        client=Client(
            preferred_name="Reggie Boone",
            pronouns="he/him",
            age=49,
            living_situation="Rents a room above the laundromat on Dock Street; nine years there.",
            medical_conditions=["Type 2 diabetes", "Slow-healing sore, right foot"],
            language="English",
            reading_level="does_not_read",
            how_to_reach="Call, don't text. Mrs. Tran next door will pass on a message.",
        ),
        consents=[
            Consent(
                id="cn-1",
                party="County Health Foot Clinic",
                scope="Referral and appointment dates",
                starts=d(c1),
                note="Read aloud to Reggie; he signed his name.",
            ),
            Consent(
                id="cn-2",
                party="Mrs. Tran (neighbour)",
                scope="Appointment dates and times only, so she can remind him",
                starts=d(c2),
                note="Read aloud; he signed.",
            ),
            Consent(
                id="cn-3",
                party="Central Library adult literacy program",
                scope="Referral",
                starts=d(c4),
                note="Read aloud; he signed.",
            ),
        ],
        strengths=[
            strength(
                "s-1",
                "vocational_educational",
                "current",
                "I can fix any small engine you bring me. Mowers, scooters, generators.",
                prompt="work-show-someone",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-2",
                "daily_living",
                "current",
                "I know every bus in this city. Don't need the sign, I know the number by the "
                "colour and the time.",
                prompt="daily-getting-around",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-3",
                "financial",
                "current",
                "Cash in envelopes: rent, food, bus. Never been late on rent, not once.",
                prompt="money-on-top",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-4",
                "social_supports",
                "current",
                "Mrs. Tran. I carry her shopping up the stairs and she makes me soup.",
                prompt="relationships-giving",
                contact=2,
                on=d(c2),
            ),
            strength(
                "s-5",
                "health",
                "past",
                "I stayed off the pipe eight months when I worked at the marina. Busy hands.",
                prompt="recovery-sober-time",
                contact=2,
                on=d(c2),
            ),
            strength(
                "s-6",
                "leisure",
                "current",
                "Fishing off the pier at first light. Nobody bothers you.",
                prompt="leisure-places",
                contact=3,
                on=d(c3),
            ),
            strength(
                "s-7",
                "spirituality_culture",
                "current",
                "My mother's hymns. I hum them when I'm under the hood.",
                prompt="meaning-traditions",
                contact=3,
                on=d(c3),
            ),
            strength(
                "s-8",
                "vocational_educational",
                "desired",
                "Someday I want to read to my grandson. Just a short book.",
                prompt="work-dream",
                contact=4,
                on=d(c4),
            ),
        ],
        non_strengths=[
            NonStrength(
                id="ns-1",
                kind="intrinsic_limitation",
                note="Does not read or write beyond his name; left school at 13. Learns by "
                "being shown and by hearing. Does not want it mentioned in front of others.",
                noted_on=d(c1),
                follow_up="Everything spoken or pictured: picture calendar on his fridge, "
                "voice memos on his phone. Read letters and forms aloud with him and ask "
                "before filling anything in.",
            ),
            NonStrength(
                id="ns-2",
                kind="physical_health",
                note="Type 2 diabetes; sore on the right foot for about six weeks that he has "
                "been dressing himself. Missed his last two clinic visits.",
                noted_on=d(c1),
                follow_up="Foot clinic booked; I go with him. If the foot gets "
                "red, hot or smells, urgent care the same day (he repeated this back).",
            ),
        ],
        goals=[
            Goal(
                id="g-1",
                words="I want to keep my foot. My uncle lost his.",
                domain="health",
                set_on=d(c1),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-1",
                        text="Get the sore on his right foot checked at the County Health "
                        "foot clinic.",
                        measure="Seen by the foot nurse, with the treatment explained to him "
                        "out loud.",
                        target_date=d(4),
                        status="in_progress",
                        strategies=[
                            Strategy(
                                id="st-1a",
                                step="Ring the clinic together, on speaker, to book.",
                                who="Case manager and Reggie",
                                target_date=d(-20),
                                done=True,
                                done_on=d(c2),
                            ),
                            Strategy(
                                id="st-1b",
                                step="Go with Reggie and read the forms with him (his ask).",
                                who="Case manager",
                                target_date=d(4),
                            ),
                        ],
                    ),
                    Objective(
                        id="o-2",
                        text="Check his sugar every morning for two weeks with the talking meter.",
                        measure="Fourteen readings spoken into his voice-memo app.",
                        target_date=d(11),
                        status="in_progress",
                        strategies=[
                            Strategy(
                                id="st-2a",
                                step="Pick up the talking meter from Grant Street Pharmacy.",
                                who="Reggie",
                                target_date=d(-7),
                                done=True,
                                done_on=d(c4),
                            )
                        ],
                    ),
                ],
            ),
            Goal(
                id="g-2",
                words="I want to get paid for fixing engines. Real money, on the books.",
                domain="vocational_educational",
                set_on=d(c2),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-3",
                        text="Talk to Tony at Lakeside Marina about part-time mechanic work.",
                        measure="The talk happened and Reggie knows the answer.",
                        target_date=d(-8),
                        status="achieved",
                        achieved_on=d(c3),
                        gas_level=1,
                        strategies=[
                            Strategy(
                                id="st-3a",
                                step="Walk down to the marina on Thursday morning.",
                                who="Reggie",
                                target_date=d(-13),
                                done=True,
                                done_on=d(c3),
                            )
                        ],
                    ),
                    Objective(
                        id="o-4",
                        text="Work three Saturday trial shifts at the marina.",
                        measure="Three Saturdays worked; Tony's answer on taking him on.",
                        target_date=d(15),
                        status="in_progress",
                    ),
                ],
            ),
            Goal(
                id="g-3",
                words="Learn enough reading to read my grandson a bedtime story.",
                domain="vocational_educational",
                set_on=d(c4),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-5",
                        text="Meet an adult literacy tutor at Central Library, one to one in "
                        "a private room.",
                        measure="First meeting with the tutor happened.",
                        target_date=d(18),
                        strategies=[
                            Strategy(
                                id="st-5a",
                                step="Ask the library for a tutor who uses the private study room.",
                                who="Case manager",
                                target_date=d(7),
                            )
                        ],
                    )
                ],
            ),
        ],
        barriers=[
            Barrier(
                id="b-1",
                text="Cannot read appointment letters, so changed dates get missed.",
                objective_id="o-1",
                noted_on=d(c3),
            ),
            Barrier(
                id="b-2",
                text="Clinic forms are all written.",
                objective_id="o-1",
                noted_on=d(c2),
            ),
            Barrier(
                id="b-3",
                text="Old phone with no alarm.",
                objective_id="o-2",
                noted_on=d(c3),
                resolved=True,
                resolved_on=d(c4),
            ),
            Barrier(
                id="b-4",
                text="Will not learn in a group where people can watch him struggle.",
                objective_id="o-5",
                noted_on=d(c4),
            ),
        ],
        resources=[
            Resource(
                id="res-foot",
                name="County Health Foot Clinic",
                kind="formal",
                how_to_reach="Appointments line; walk-in urgent care next door",
            ),
            Resource(
                id="res-library",
                name="Central Library adult literacy program",
                kind="formal",
                note="One-to-one tutors; private study room on request.",
            ),
            Resource(id="res-pharmacy", name="Grant Street Pharmacy", kind="formal"),
            Resource(id="res-marina", name="Tony at Lakeside Marina", kind="informal"),
            Resource(id="res-tran", name="Mrs. Tran (neighbour)", kind="informal"),
            Resource(
                id="res-calendar",
                name="Picture calendar on Reggie's fridge, with voice-memo reminders",
                kind="created",
                note="Made together at contact 3: a drawn foot for the clinic, an anchor for "
                "the marina.",
            ),
        ],
        referrals=[
            Referral(
                id="ref-1",
                resource_id="res-foot",
                purpose="Check and treat the foot sore",
                objective_id="o-1",
                history=ladder(("suggested", c1), ("referred", c2), ("contacted", c3)),
            ),
            Referral(
                id="ref-2",
                resource_id="res-marina",
                purpose="Part-time mechanic work",
                objective_id="o-3",
                history=ladder(("suggested", c2), ("linked", c3)),
            ),
            Referral(
                id="ref-3",
                resource_id="res-library",
                purpose="One-to-one reading tutor",
                objective_id="o-5",
                history=ladder(("suggested", c4)),
            ),
        ],
        tasks=[
            Task(
                id="t-1",
                text="Walk to the marina and talk to Tony.",
                owner="client",
                due=d(-13),
                contact=2,
                done=True,
                done_on=d(-12),
            ),
            Task(
                id="t-2",
                text="Record the clinic date and address as a voice memo on Reggie's phone.",
                due=d(-9),
                contact=3,
                done=True,
                done_on=d(c3),
            ),
            Task(
                id="t-3",
                text="Go with Reggie to the foot clinic; read the forms with him.",
                due=d(4),
                contact=4,
            ),
            Task(
                id="t-4",
                text="Ask the library for a tutor who uses the private room.",
                due=d(7),
                contact=4,
            ),
            Task(
                id="t-5",
                text="Say each morning's sugar number into the voice memo.",
                owner="client",
                due=d(11),
                contact=4,
            ),
        ],
        contacts=[
            Contact(
                number=1,
                on=d(c1),
                minutes=50,
                steps_done=BRIEF_STEPS[1],
                summary="Met at the drop-in centre. Reggie is worried about his foot: his "
                "uncle lost a leg to diabetes. Told me quietly he doesn't read. Strengths: "
                "small engines, knows every bus, never late on rent.",
                notes="Went through everything out loud. Consent read to him; he signed.",
            ),
            Contact(
                number=2,
                on=d(c2),
                minutes=45,
                steps_done=BRIEF_STEPS[2],
                carried_over="Booking the foot clinic.",
                summary="Rang the clinic together on speaker; he did the talking. New goal: "
                "paid work fixing engines. He'll walk to the marina to see Tony.",
                plan_reviews=[
                    review("st-1a", "done", "He did the talking."),
                    review("o-1", "in_progress", "Booked for two weeks from today."),
                ],
            ),
            Contact(
                number=3,
                on=d(c3),
                minutes=55,
                steps_done=BRIEF_STEPS[3],
                carried_over="Clinic date; the marina.",
                summary="The clinic sent a letter moving his date; he couldn't read it and "
                "went on the wrong day. New date in two weeks, saved as a voice memo. Tony offered "
                "Saturday trial shifts. Made a picture calendar together. Raised how our work "
                "ends at contact 5.",
                plan_reviews=[
                    review("o-1", "in_progress", "Date moved by letter; rebooked."),
                    review("st-3a", "done"),
                    review("o-3", "done", "Tony offered Saturdays on trial."),
                ],
            ),
            Contact(
                number=4,
                on=d(c4),
                minutes=50,
                steps_done=BRIEF_STEPS[4],
                carried_over="Talking meter; first Saturday at the marina.",
                summary="First Saturday at the marina went well; Tony pays cash for now and "
                "Reggie wants it on the books. Talking meter picked up; his grandson set a "
                "phone alarm. Said he'd like to read to his grandson one day; agreed to ask "
                "the library for a private tutor. Went over strengths and what he has done.",
                notes="Foot looked no worse; no redness he could see. He repeated the "
                "urgent-care signs back to me.",
                plan_reviews=[
                    review("st-2a", "done"),
                    review("o-2", "in_progress", "Three readings so far."),
                    review("o-4", "in_progress", "One Saturday done."),
                    review("o-1", "in_progress", "Clinic in a week; I will go with him."),
                ],
            ),
        ],
        disengagement=Disengagement(
            started_at_contact=3,
            independent_contact="Practising calling the clinic himself; Mrs. Tran knows his "
            "appointment dates.",
        ),
    )


# --- g. Sam: at contact 2; markup-like text everywhere, on purpose --------------------------------


def sam() -> Case:
    c1, c2 = -12, -5
    return Case(
        id="c-demo-sam",
        worker="M. Duarte",
        created_at=at(c1, 12, 0),
        updated_at=at(c2, 13, 25),
        revision=6,
        next_contact_on=d(2),
        client=Client(
            preferred_name="Sam [/x] [b]",
            pronouns="they/them",
            age=24,
            living_situation="Shares a 3rd-floor flat [no lift] with two friends and a cat "
            "called \\o/",
            medical_conditions=['Asthma (inhaler), "mostly fine" 🙂'],
            language="English",
            reading_level="some_difficulty",
            how_to_reach="Text or Signal: @sam_[b]_prints. Never before 10 am 😴",
        ),
        consents=[
            Consent(
                id="cn-1",
                party="City Job Centre [Disability Employment Adviser]",
                scope="Referral and appointment times",
                starts=d(c2),
            ),
            Consent(
                id="cn-2",
                party="Priya [flatmate]",
                scope="Can confirm appointment times",
                starts=d(c1),
                note="Sam: 'she's basically my diary \\ alarm clock'",
            ),
        ],
        strengths=[
            strength(
                "s-1",
                "vocational_educational",
                "current",
                "I taught myself [bold]Photoshop[/bold] off YouTube. Did all the flyers for my "
                "cousin's café ☕ [the good ones].",
                prompt="general-self-taught",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-2",
                "leisure",
                "current",
                "Screen printing at the makerspace. Ink everywhere, best feeling \\o/ 🎨",
                prompt="leisure-fun",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-3",
                "social_supports",
                "current",
                "My flatmates [Priya & Tom]: they'd drop anything for me, and I would for them.",
                prompt="social-friends",
                contact=1,
                on=d(c1),
            ),
            strength(
                "s-4",
                "health",
                "past",
                "Cut weed down to weekends since the summer. Just decided one day. ¯\\_(ツ)_/¯",
                prompt="recovery-in-control",
                contact=2,
                on=d(c2),
            ),
            strength(
                "s-5",
                "financial",
                "current",
                "Rent's always paid. When money's short I sell prints at the Sunday market 💸",
                prompt="money-stretch",
                contact=2,
                on=d(c2),
            ),
            strength(
                "s-6",
                "spirituality_culture",
                "desired",
                "I want to stop being 'the flaky one'. {not} [that] person :sparkles: anymore.",
                prompt="meaning-hope",
                contact=2,
                on=d(c2),
            ),
        ],
        non_strengths=[
            NonStrength(
                id="ns-1",
                kind="intrinsic_limitation",
                note="Dyslexia; prefers voice notes and big fonts. Said: \"don't make a "
                'thing of it [seriously]".',
                noted_on=d(c1),
                follow_up="Send voice notes, not long texts. Read anything written together.",
            )
        ],
        goals=[
            Goal(
                id="g-1",
                words="[b]Get the print-shop job[/b] & actually keep it this time 💪",
                domain="vocational_educational",
                set_on=d(c1),
                confirmed_safe=True,
                objectives=[
                    Objective(
                        id="o-1",
                        text="Send CV + portfolio to Inkwell Print [Main St].",
                        measure="Email sent; Sam forwards the confirmation.",
                        target_date=d(5),
                        status="in_progress",
                        strategies=[
                            Strategy(
                                id="st-1a",
                                step="Turn C:\\Users\\sam\\Documents\\cv_v3.docx into a PDF "
                                "at the library.",
                                who="Sam",
                                target_date=d(-7),
                                done=True,
                                done_on=d(c2),
                            ),
                            Strategy(
                                id="st-1b",
                                step="Read the CV aloud together to catch typos (Sam's ask).",
                                who="Case manager [with Sam]",
                                target_date=d(2),
                            ),
                        ],
                    ),
                    Objective(
                        id="o-2",
                        text="Ask Inkwell for a trial day.",
                        measure="Sam has asked and knows the answer.",
                        target_date=d(14),
                        strategies=[
                            Strategy(
                                id="st-2a",
                                step="Set two alarms \\ one across the room ⏰",
                                who="Sam",
                                target_date=d(6),
                            )
                        ],
                    ),
                ],
            )
        ],
        barriers=[
            Barrier(
                id="b-1",
                text="Written applications are hard [dyslexia]: 'the words swim'.",
                objective_id="o-1",
                noted_on=d(c1),
            ),
            Barrier(
                id="b-2",
                text="Mornings: alarm \\ snooze \\ snooze \\ late.",
                objective_id="o-2",
                noted_on=d(c2),
            ),
        ],
        resources=[
            Resource(
                id="res-jobcentre",
                name="City Job Centre [Disability Employment Adviser]",
                kind="formal",
                how_to_reach="Booking line; Tuesday afternoons",
            ),
            Resource(id="res-inkwell", name="Inkwell Print [Main St]", kind="informal"),
            Resource(id="res-makerspace", name="Foundry Makerspace", kind="informal"),
            Resource(
                id="res-stall",
                name="Sam's print stall at the Sunday market 🖼️",
                kind="created",
            ),
        ],
        referrals=[
            Referral(
                id="ref-1",
                resource_id="res-jobcentre",
                purpose="Support with written applications [reasonable adjustments]",
                objective_id="o-1",
                history=ladder(("suggested", c1), ("referred", c2)),
            )
        ],
        tasks=[
            Task(
                id="t-1",
                text="Find a library PC with text-to-speech.",
                due=d(-7),
                contact=1,
                done=True,
                done_on=d(-8),
            ),
            Task(
                id="t-2",
                text="Book the Disability Employment Adviser [Tues pm if possible].",
                due=d(4),
                contact=2,
            ),
            Task(
                id="t-3",
                text="Print my 5 best pieces for the portfolio \\ bring them next time 🖨️",
                owner="client",
                due=d(5),
                contact=2,
            ),
        ],
        contacts=[
            Contact(
                number=1,
                on=d(c1),
                minutes=50,
                steps_done=BRIEF_STEPS[1],
                summary="Met at the makerspace. Sam wants the print-shop job [Inkwell] and is "
                "tired of being called flaky. Strengths: self-taught design, screen printing, "
                "loyal flatmates.",
                notes='Sam said: "I\'m [red]fine[/red], honestly" :smile: and laughed it off. '
                "Labelled their own folder [b]SAM'S STUFF[/b] \\ do not touch 🚫",
            ),
            Contact(
                number=2,
                on=d(c2),
                minutes=45,
                medium="video",
                steps_done=BRIEF_STEPS[2],
                carried_over="CV to PDF; text-to-speech PC.",
                summary="CV converted ✅. Referred to the Job Centre adviser. Next: send to "
                "Inkwell [Main St] within the week.",
                notes="Sam typed into the shared notes by mistake: [@click=app.quit]bye[/] "
                "[link=https://example.com]portfolio[/link] \\[not markup\\] "
                "C:\\new\\temp\\x, kept as written. Mood good 🎉✨ and the cat \\o/ joined "
                "the call. $HOME ${PATH} %s {0} <b>bold?</b>",
                plan_reviews=[
                    review("st-1a", "done", "PDF made [finally] 🎉"),
                    review("o-1", "in_progress"),
                ],
            ),
        ],
    )


# --- writing -------------------------------------------------------------------------------------

BUILDERS: list[tuple[Callable[[], Case], CaseFormat]] = [
    (ana, CaseFormat.TOML),
    (marcus, CaseFormat.TOML),
    (ruth, CaseFormat.TOML),
    (destiny, CaseFormat.JSON),
    (hollis, CaseFormat.TOML),
    (reggie, CaseFormat.TOML),
    (sam, CaseFormat.TOML),
]


def build_cases() -> dict[str, tuple[Case, CaseFormat]]:
    """Every demo case by file name (``<case id>.<format>``)."""
    cases: dict[str, tuple[Case, CaseFormat]] = {}
    for build, fmt in BUILDERS:
        case = Case.model_validate(build().model_dump())  # validate as a file would be
        if case.practice:
            raise ValueError(f"{case.id}: the demo caseload holds no practice cases")
        cases[f"{case.id}{fmt.suffix}"] = (case, fmt)
    return cases


def write_demo(out: Path = OUT) -> list[Path]:
    """Write the demo cases into ``out`` and remove demo files no longer built there."""
    folder = ensure_private_folder(out)
    cases = build_cases()
    written = []
    for name, (case, fmt) in cases.items():
        path = folder / name
        write_atomic(path, dump_case(case, fmt))
        written.append(path)
    for stale in sorted(folder.glob(DEMO_PATTERN)):
        if stale.suffix in (".toml", ".json") and stale.name not in cases:
            stale.unlink()
    # Their caseload summaries, so that `sbcm --demo` lists them without the case model.
    summaries = folder / SUMMARIES_FILE
    write_atomic(summaries, shipped_summaries_document(written))
    written.append(summaries)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the fictional demo caseload.")
    parser.add_argument("out", nargs="?", type=Path, default=OUT, help="folder to write into")
    args = parser.parse_args(argv)
    for path in write_demo(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
