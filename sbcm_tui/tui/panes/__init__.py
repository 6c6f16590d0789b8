"""Step panes: one per step kind of the protocol, hosted by a contact or by a case screen's tab.

:mod:`sbcm_tui.tui.panes.registry` is the one table from step kind to pane.
"""
