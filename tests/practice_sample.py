"""A small role-play scenario for the practice tests: every answer names its topic and kind, so
a test can tell at a glance which answer the scripted client chose."""

from __future__ import annotations

from typing import Any

from sbcm_tui.practice.scenario import Scenario, parse_scenario

SAMPLE_TOML = """
id = "sample-sol"
title = "Sol: a test client"
summary = "A fictional client for tests."
stage_of_change = "contemplation"
situation = "Sol is a made-up client used by the tests."
wants = "I want a quiet place of my own near the river."
barriers = ["No deposit"]

[client]
preferred_name = "Sol"
age = 30
living_situation = "A friend's couch"

[non_strength_cue]
kind = "physical_health"
words = "CUE: my chest hurts when I climb stairs."
topics = ["feelings", "health"]
after_turns = 1
note = "Chest pain on exertion: record it."

[[hidden_strengths]]
domain = "leisure"
words = "STRENGTH leisure: I play guitar at the open mic every Friday."
cues = ["guitar", "open mic"]

[[hidden_strengths]]
domain = "social_supports"
words = "STRENGTH social 1: my cousin Rafa checks on me every day."
cues = ["rafa", "cousin"]

[[hidden_strengths]]
domain = "social_supports"
words = "STRENGTH social 2: the neighbours downstairs feed me on Sundays."
cues = ["downstairs"]

[[hidden_strengths]]
domain = "health"
words = "STRENGTH health: I swim three mornings a week."
cues = ["swim", "pool"]

[answers.greeting]
short = ["greeting short 1", "greeting short 2"]
full = ["greeting full 1", "greeting full 2"]

[answers.goals]
short = ["goals short 1", "goals short 2"]
full = ["goals full 1", "goals full 2"]

[answers.feelings]
short = ["feelings short 1", "feelings short 2"]
full = ["feelings full 1", "feelings full 2"]

[answers.resistance]
short = ["resistance short 1", "resistance short 2"]
full = ["resistance full 1", "resistance full 2"]

[answers.other]
short = ["other short 1", "other short 2"]
full = ["other full 1", "other full 2"]

[answers.affirmed]
short = ["affirmed short 1", "affirmed short 2"]
full = ["affirmed full 1", "affirmed full 2"]

[answers.softened]
short = ["softened short 1", "softened short 2"]
full = ["softened full 1", "softened full 2"]

[answers.leisure]
short = ["leisure short 1", "leisure short 2", "leisure short 3"]
full = ["leisure full 1", "leisure full 2"]

[answers.social_supports]
short = ["social short 1", "social short 2"]
full = ["social full 1", "social full 2"]

[answers.health]
short = ["health short"]
full = ["health full"]

[answers.vocational_educational]
short = ["work short 1", "work short 2"]
full = ["work full 1", "work full 2"]
"""


def sample_scenario(**changes: Any) -> Scenario:
    """The sample scenario, with any top-level fields changed (``resists=True``, say)."""
    scenario = parse_scenario(SAMPLE_TOML.encode(), "sample-sol.toml")
    return scenario.model_copy(update=changes) if changes else scenario
