"""Fictional caseloads for benchmarks: N realistic case files, never a real person.

    python benchmarks/generate.py OUT_DIR -n 1000 [--seed 1] [--format toml|json|mixed]

Realistic means shaped like a worker's real caseload, so timings mean something: a few kilobytes
per case, mostly brief five-contact cases with a tail of long-term ones, strengths across every
life domain, plans with overdue and achieved objectives, referrals part-way up the linkage ladder,
and now and then an open safety note. Every word comes from ``banks.toml`` next to this file
(invented first names, sentence banks). Case ``i`` of a seed is the same whatever ``n`` is, so a
small run is a prefix of a large one.

Importable by path (``benchmarks`` is not a package): :func:`make_case` and :func:`generate`.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import random
import sys
import time
import tomllib
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

from sbcm_tui.core.case import Case
from sbcm_tui.files.atomic import ensure_private_folder, write_atomic
from sbcm_tui.files.casefile import CaseFormat, dump_case

BANKS: dict[str, Any] = tomllib.loads((Path(__file__).parent / "banks.toml").read_text("utf-8"))
"""The sentence banks: data, so a new phrase needs no code change."""

DOMAINS = (
    "daily_living",
    "financial",
    "vocational_educational",
    "social_supports",
    "health",
    "leisure",
    "spirituality_culture",
)
CATEGORIES = ("general", "relationships", "internal_resources", "recovery")
LATER_STEPS = ("goals", "barriers", "linkage", "summary")
LADDER = ("suggested", "referred", "contacted", "linked", "retained")

Data = dict[str, Any]
_BATCH = 2000
_BRIEF_CONTACTS = {1: 3, 2: 3, 3: 3, 4: 3, 5: 2, 6: 1, 7: 1, 8: 1}
_STRENGTH_POOL = [(domain, words) for domain in DOMAINS for words in BANKS["strengths"][domain]]
_RESOURCE_POOL = [(kind, r) for kind, bank in BANKS["resources"].items() for r in bank]


def _id(rng: random.Random, prefix: str = "") -> str:
    """Like ``case.new_id``, but from the seeded generator so a seed always gives the same files."""
    return f"{prefix}{rng.getrandbits(40):010x}"


def _say(rng: random.Random, bank: str, name: str, k: int = 1) -> str:
    """``k`` different sentences from a bank, with the client's name put in."""
    return " ".join(rng.sample(BANKS[bank], k)).replace("{name}", name)


def _weighted(rng: random.Random, choices: dict[Any, int]) -> Any:
    return rng.choices(tuple(choices), weights=tuple(choices.values()))[0]


def _contact_dates(rng: random.Random, today: date, status: str, long_term: bool) -> list[date]:
    """Contact days, oldest first: active cases met recently, finished ones months ago."""
    count = rng.randint(20, 60) if long_term else _weighted(rng, _BRIEF_CONTACTS)
    recent = rng.randint(0, 21) if status == "active" else rng.randint(10, 400)
    days = [today - timedelta(days=recent)]
    for _ in range(count - 1):
        gap = rng.randint(7, 28) if long_term else rng.randint(4, 14)
        days.append(days[-1] - timedelta(days=gap))
    return days[::-1]


def _client(rng: random.Random, name: str) -> Data:
    return {
        "preferred_name": name,
        "pronouns": rng.choice(("she/her", "he/him", "they/them", None)),
        "age": rng.randint(19, 74),
        "living_situation": rng.choice(BANKS["living_situations"]),
        "medical_conditions": rng.sample(BANKS["medical_conditions"], rng.choice((0, 0, 1, 1, 2))),
        "language": rng.choice(BANKS["languages"]),
        "reading_level": _weighted(
            rng, {"comfortable": 7, "some_difficulty": 2, "does_not_read": 1}
        ),
        "how_to_reach": f"Phone 555-01{rng.randint(0, 99):02d}, best after 3pm",
    }


def _strengths(rng: random.Random, dates: list[date]) -> list[Data]:
    """A few strengths from the first contact, more once the assessment is under way."""
    strengths = []
    count = rng.randint(2, 6) if len(dates) > 1 else rng.randint(1, 3)
    for domain, words in rng.sample(_STRENGTH_POOL, count):
        number = rng.randint(1, min(len(dates), 3))
        strengths.append(
            {
                "id": _id(rng),
                "domain": domain,
                "words": words,
                "kind": _weighted(rng, {"current": 6, "desired": 2, "past": 2}),
                "category": rng.choice(CATEGORIES),
                "contact": number,
                "noted_on": dates[number - 1],
            }
        )
    return strengths


def _non_strengths(rng: random.Random, dates: list[date], active: bool) -> list[Data]:
    """Sometimes a safety note (open while the case is active), often a health or reading note."""
    notes = []
    if rng.random() < 0.08:
        note = {"id": _id(rng), **rng.choice(BANKS["safety_notes"]), "noted_on": rng.choice(dates)}
        if not active:
            note.update(open=False, closed_on=dates[-1])
        notes.append(note)
    for other in rng.sample(BANKS["other_non_strengths"], rng.choice((0, 0, 1, 1, 2))):
        notes.append({"id": _id(rng), **other, "noted_on": dates[0]})
    return notes


def _objective(rng: random.Random, name: str, words: Data, set_on: date, today: date) -> Data:
    target = set_on + timedelta(days=rng.randint(14, 90))
    objective = {"id": _id(rng), **words, "target_date": target}
    if target < today and rng.random() < 0.5:
        objective["status"] = "achieved"
        objective["achieved_on"] = min(today, target + timedelta(days=rng.randint(-10, 10)))
        objective["gas_level"] = _weighted(rng, {-1: 1, 0: 4, 1: 3, 2: 1})
    else:  # open ones past their target date are the overdue ones
        objective["status"] = _weighted(
            rng, {"open": 5, "in_progress": 6, "revised": 1, "dropped": 1}
        )
    objective["strategies"] = []
    for step in rng.sample(BANKS["strategies"], _weighted(rng, {1: 5, 2: 4, 3: 1})):
        who = rng.choice((name, name, "case manager", f"{name} with case manager", "sister"))
        due = set_on + timedelta(days=rng.randint(3, 30))
        strategy = {"id": _id(rng), "step": step, "who": who, "target_date": due}
        if due < today and rng.random() < 0.7:
            strategy.update(done=True, done_on=due)
        objective["strategies"].append(strategy)
    return objective


def _goals(rng: random.Random, name: str, set_on: date, today: date) -> list[Data]:
    """The client's goals in their own words, each with objectives of its own."""
    goals = []
    for goal in rng.sample(BANKS["goals"], _weighted(rng, {1: 6, 2: 3, 3: 1})):
        options = goal["objectives"]
        chosen = rng.sample(options, min(len(options), _weighted(rng, {1: 6, 2: 3, 3: 1})))
        goals.append(
            {
                "id": _id(rng),
                "words": goal["words"],
                "domain": goal["domain"],
                "set_on": set_on,
                "confirmed_safe": True,
                "objectives": [_objective(rng, name, o, set_on, today) for o in chosen],
            }
        )
    return goals


def _barriers(rng: random.Random, objectives: list[Data], dates: list[date]) -> list[Data]:
    barriers = []
    for text in rng.sample(BANKS["barriers"], rng.randint(0, 2) if objectives else 0):
        barrier = {"id": _id(rng), "text": text, "noted_on": rng.choice(dates)}
        if rng.random() < 0.8:
            barrier["objective_id"] = rng.choice(objectives)["id"]
        if rng.random() < 0.3:
            barrier.update(resolved=True, resolved_on=dates[-1])
        barriers.append(barrier)
    return barriers


def _ladder(rng: random.Random, start: date, today: date) -> list[Data]:
    """A referral's history: rungs climbed in order on increasing days, sometimes a decline."""
    history, on = [], start
    for status in LADDER[: _weighted(rng, {1: 2, 2: 3, 3: 3, 4: 3, 5: 2})]:
        if on > today and history:
            break
        history.append({"status": status, "on": min(on, today)})
        on += timedelta(days=rng.randint(2, 21))
    if len(history) <= 2 and on <= today and rng.random() < 0.12:
        history.append({"status": "declined", "on": on})
    return history


def _community(
    rng: random.Random, objectives: list[Data], dates: list[date], today: date
) -> tuple[list[Data], list[Data]]:
    """Resources (formal, informal, created) and the referrals made to some of them."""
    count = _weighted(rng, {1: 3, 2: 4, 3: 3, 4: 1}) if len(dates) > 1 else rng.randint(0, 1)
    resources = [
        {"id": _id(rng), "kind": kind, **resource}
        for kind, resource in rng.sample(_RESOURCE_POOL, count)
    ]
    referrals = []
    for resource in rng.sample(resources, rng.randint(0, min(3, len(resources), len(dates) - 1))):
        referral = {
            "id": _id(rng),
            "resource_id": resource["id"],
            "history": _ladder(rng, rng.choice(dates), today),
        }
        if objectives and rng.random() < 0.6:
            objective = rng.choice(objectives)
            referral["objective_id"] = objective["id"]
            referral["purpose"] = f"Towards: {objective['text']}"
        referrals.append(referral)
    return resources, referrals


def _tasks(rng: random.Random, dates: list[date], today: date) -> list[Data]:
    """Promises made at contacts; older ones mostly kept, the latest often still open."""
    tasks = []
    for _ in range(rng.randint(1, min(4, len(dates) + 1))):
        number = rng.randint(1, len(dates))
        due = dates[number - 1] + timedelta(days=rng.randint(3, 14))
        task = {"id": _id(rng), **rng.choice(BANKS["tasks"]), "due": due, "contact": number}
        if due < today and rng.random() < (0.85 if number < len(dates) else 0.4):
            task.update(done=True, done_on=due)
        tasks.append(task)
    return tasks


def _contacts(
    rng: random.Random, name: str, dates: list[date], long_term: bool, reviewable: list[Data]
) -> list[Data]:
    contacts = []
    for number, on in enumerate(dates, start=1):
        contact: Data = {
            "number": number,
            "on": on,
            "minutes": rng.choice((20, 30, 45, 45, 60, 60, 75, 90)),
            "medium": _weighted(rng, {"in_person": 6, "phone": 2, "video": 1, "outreach": 2}),
            "summary": _say(rng, "summaries", name, 1 if long_term else rng.randint(1, 2)),
            "notes": _say(rng, "notes", name, 1 if long_term or rng.random() < 0.7 else 2),
        }
        if number == 1:
            contact["steps_done"] = ["engagement", *(["strengths"] * rng.randint(0, 1)), "summary"]
        else:
            chosen = set(rng.sample(LATER_STEPS, rng.randint(2, 4)))
            steps = ["review", *(["strengths"] if number == 2 else [])]
            steps += [step for step in LATER_STEPS if step in chosen]
            closing = not long_term or number > len(dates) - 3
            if number >= 3 and closing and rng.random() < 0.6:
                steps.append("disengagement")
            contact["steps_done"] = steps
            if rng.random() < 0.7:
                contact["carried_over"] = _say(rng, "carried_over", name)
            picked = rng.sample(reviewable, min(len(reviewable), rng.randint(1, 2)))
            contact["plan_reviews"] = [
                {**item, "status": rng.choice(("done", "in_progress", "revised", "dropped"))}
                for item in picked
            ]
        contacts.append(contact)
    return contacts


def make_case(rng: random.Random, today: date) -> Case:
    """One fictional case, drawn entirely from ``rng`` and dated relative to ``today``."""
    name = rng.choice(BANKS["first_names"])
    long_term = rng.random() < 0.03
    status = _weighted(rng, {"active": 13, "disengaged": 4, "closed": 3})
    dates = _contact_dates(rng, today, status, long_term)
    planned = len(dates) > 1 and rng.random() < 0.95  # goals come at the second contact
    goals = _goals(rng, name, dates[1], today) if planned else []
    objectives = [o for g in goals for o in g["objectives"]]
    reviewable = [{"item": "objective", "item_id": o["id"]} for o in objectives] + [
        {"item": "strategy", "item_id": s["id"]} for o in objectives for s in o["strategies"]
    ]
    resources, referrals = _community(rng, objectives, dates, today)
    data: Data = {
        "id": _id(rng, "c-"),
        "status": status,
        "protocol": "long-term" if long_term else "brief-five",
        "worker": rng.choice(BANKS["workers"]),
        "created_at": datetime.combine(dates[0], clock(9, rng.randint(0, 59)), UTC),
        "updated_at": datetime.combine(dates[-1], clock(17, rng.randint(0, 59)), UTC),
        "revision": len(dates) * rng.randint(2, 6),
        "client": _client(rng, name),
        "strengths": _strengths(rng, dates),
        "non_strengths": _non_strengths(rng, dates, status == "active"),
        "goals": goals,
        "barriers": _barriers(rng, objectives, dates),
        "resources": resources,
        "referrals": referrals,
        "tasks": _tasks(rng, dates, today),
        "contacts": _contacts(rng, name, dates, long_term, reviewable),
    }
    if resources and rng.random() < 0.6:
        party = resources[0]["name"]
        data["consents"] = [
            {"id": _id(rng), "party": party, "scope": "Referrals", "starts": dates[0]}
        ]
    if status == "active":
        data["next_contact_on"] = dates[-1] + timedelta(days=rng.randint(5, 14))
    else:
        data["disengagement"] = {
            "started_at_contact": min(3, len(dates)),
            "accomplishments": f"{name} linked with services and now keeps appointments alone.",
            "independent_contact": "Knows how to reach the drop-in centre and the clinic directly.",
        }
        if status == "closed":
            data["disengagement"]["completed_on"] = dates[-1]
    return Case.model_validate(data)


def case_bytes(seed: int, i: int, fmt: str, today: date, attempt: int = 0) -> tuple[str, bytes]:
    """Case ``i`` of a seed: its file name and bytes. ``attempt`` redraws it after an id clash."""
    rng = random.Random(f"sbcm-benchmark:{seed}:{i}" + (f":{attempt}" if attempt else ""))
    case = make_case(rng, today)
    case_format = CaseFormat(rng.choice(("toml", "json")) if fmt == "mixed" else fmt)
    return f"{case.id}{case_format.suffix}", dump_case(case, case_format)


def _build(job: tuple[int, int, str, date]) -> tuple[str, bytes]:
    return case_bytes(*job)


_FORK = multiprocessing.get_context("fork") if sys.platform == "linux" else None


def _can_fan_out() -> bool:
    """Worker processes find ``_build`` by module name: so when run as a script or imported by
    name. Loaded by path without a ``sys.modules`` entry, this module builds in-process."""
    return getattr(sys.modules.get(__name__), "_build", None) is _build


def generate(
    out_dir: str | Path,
    n: int,
    seed: int = 1,
    fmt: str = "toml",
    today: date | None = None,
    *,
    processes: int | None = None,
) -> list[Path]:
    """Write ``n`` fictional case files into ``out_dir`` (made 0700), each 0600; return their paths.

    ``fmt`` is ``toml``, ``json`` or ``mixed`` (each case picks one). ``today`` anchors every date;
    it defaults to the real today, so pass it when two runs must give identical bytes. Building
    a case is CPU work (pydantic, TOML), so it is spread over ``processes`` (default: the cores,
    for 200 cases or more); saving waits on fsync, so saves overlap in threads. Neither changes
    a byte of the output."""
    if fmt not in ("toml", "json", "mixed"):
        raise ValueError(f"format must be toml, json or mixed, not {fmt!r}")
    today = today or date.today()
    folder = ensure_private_folder(out_dir)
    if processes is None:
        processes = min(os.cpu_count() or 1, 8) if n >= 200 else 1
    paths: list[Path] = []
    seen: set[str] = set()
    with contextlib.ExitStack() as stack:
        savers = stack.enter_context(ThreadPoolExecutor(8))
        pool = None
        if processes > 1 and _can_fan_out():
            pool = stack.enter_context(ProcessPoolExecutor(processes, mp_context=_FORK))
        for first in range(0, n, _BATCH):  # in batches, so memory stays flat for any n
            jobs = [(seed, i, fmt, today) for i in range(first, min(n, first + _BATCH))]
            built = pool.map(_build, jobs, chunksize=32) if pool else map(_build, jobs)
            saves = []
            for (_, i, _, _), (file_name, raw) in zip(jobs, built, strict=True):
                attempt = 0
                while file_name.rpartition(".")[0] in seen:  # ~1 in 20,000 at 10,000 cases
                    attempt += 1
                    file_name, raw = case_bytes(seed, i, fmt, today, attempt)
                seen.add(file_name.rpartition(".")[0])
                paths.append(folder / file_name)
                saves.append(savers.submit(write_atomic, paths[-1], raw))
            for save in saves:
                save.result()
    return paths


def main(argv: list[str] | None = None) -> int:
    """The command line: write the cases, then say how many, how big and how fast."""
    parser = argparse.ArgumentParser(description="Write N fictional SBCM case files.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="how many cases (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("toml", "json", "mixed"), default="toml")
    parser.add_argument("--today", type=date.fromisoformat, help="anchor date (default: today)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("-n must be zero or more")
    started = time.perf_counter()
    paths = generate(args.out_dir, args.n, args.seed, args.format, args.today)
    elapsed = time.perf_counter() - started
    sizes = [p.stat().st_size for p in paths]
    mean = sum(sizes) / len(sizes) if sizes else 0
    print(
        f"{len(paths)} cases in {args.out_dir}: mean {mean:,.0f} bytes, "
        f"largest {max(sizes, default=0):,} bytes, {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
