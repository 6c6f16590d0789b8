"""The model and its rules: a case, what a worker does to it, the plan, the protocol, dates.

Nothing here reads or writes a file, draws a screen or parses a command line: every other layer
builds on these modules, and they build on nothing of sbcm's but each other.
"""
