"""Practice mode: rehearse a contact with a scripted client, and see how each line was coded.

Domain only (no Textual): the interviewing coder and its summary live here, so the command line
and tests can use them without a UI.
"""
