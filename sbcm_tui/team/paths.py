"""Which files in a team folder are shared: the one rule the sync, the status and the key
list's re-encryption all ask, kept apart so none of them has to import another for it."""

from __future__ import annotations

from sbcm_tui.files.vault import TEAM_KEYS_FILE


def is_case_path(name: str) -> bool:
    """A case file at the top of the folder (the only files a sync commits and merges)."""
    return (
        bool(name)
        and "/" not in name
        and not name.startswith(".")
        and name.lower().endswith((".toml", ".json"))
    )


def is_shared_path(name: str) -> bool:
    """What a sync commits: the case files, and an encrypted team's key list."""
    return is_case_path(name) or name == TEAM_KEYS_FILE
