"""sbcm-tui: a terminal companion for Strengths-Based Case Management."""

__version__ = "0.1.0"
