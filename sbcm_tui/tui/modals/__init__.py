"""Dialogs over a screen, one per file, each with a typed result
(``ModalScreen[Result | None]``)."""
