"""The terminal UI: the app (the message hub), screens, modal dialogs, step panes and widgets.

Screens and panes tell the app things by the messages in :mod:`sbcm_tui.tui.messages`; the app
hands them read-only services (today, the prompt bank, the store) as attributes.
"""

from sbcm_tui.tui import rich_whitespace

rich_whitespace.install()
