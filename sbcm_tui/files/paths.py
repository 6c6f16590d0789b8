"""Where case files live: the real caseload, the practice cases, and the shipped demo cases.

The real caseload folder holds nothing but real cases, so that listing it (in the app or with
``ls``) never mixes role-play with people. Practice cases therefore live in a *sibling* folder,
never inside the caseload folder:

* nothing set: caseload ``<user data>/cases``, practice ``<user data>/practice``;
* ``SBCM_HOME=/x/cases``: caseload ``/x/cases`` itself, practice ``/x/cases-practice``;
* ``SBCM_PRACTICE_HOME=/p``: practice ``/p``, whatever else is set.

Role-play scenarios ship in ``data/scenarios``; a trainer's own go in ``$SBCM_SCENARIOS`` or
``<user data>/scenarios``.

``<user data>`` is :func:`platformdirs.user_data_dir` for sbcm-tui (``~/.local/share/sbcm-tui``
on Linux). Nothing here creates a folder; the store does that, owner-only, when it first opens one.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

import sbcm_tui

APP_NAME = "sbcm-tui"
HOME_ENV = "SBCM_HOME"
PRACTICE_HOME_ENV = "SBCM_PRACTICE_HOME"
SCENARIOS_ENV = "SBCM_SCENARIOS"


def _env_folder(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def user_data_dir() -> Path:
    """The platform's per-user data folder for sbcm-tui (not created here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_cases_dir() -> Path:
    """The real caseload: ``$SBCM_HOME`` itself when set, else ``<user data>/cases``."""
    home = _env_folder(HOME_ENV)
    return home if home is not None else user_data_dir() / "cases"


def practice_dir() -> Path:
    """Practice (role-play) cases, always outside the caseload folder.

    ``$SBCM_PRACTICE_HOME`` when set; else, with ``$SBCM_HOME`` set, its sibling
    ``<SBCM_HOME>-practice``; else ``<user data>/practice``."""
    practice = _env_folder(PRACTICE_HOME_ENV)
    if practice is not None:
        return practice
    home = _env_folder(HOME_ENV)
    if home is None:
        return user_data_dir() / "practice"
    home = Path(os.path.abspath(home))
    return home.parent / f"{home.name or 'sbcm'}-practice"


def protocol_scripts_dir() -> Path:
    """The protocol scripts and prompt bank shipped inside the package (``sbcm_tui/scripts``,
    installed as files by pyproject's package-data)."""
    return Path(sbcm_tui.__file__).resolve().parent / "scripts"


def demo_source_dir() -> Path:
    """The shipped fictional demo cases (``data/demo`` in the source tree). Never opened directly:
    ``sbcm --demo`` works on a fresh copy."""
    return Path(sbcm_tui.__file__).resolve().parent.parent / "data" / "demo"


def scenarios_dir() -> Path:
    """The user's own role-play scenarios: ``$SBCM_SCENARIOS`` when set, else
    ``<user data>/scenarios``. Read next to the shipped ones; never written by sbcm."""
    folder = _env_folder(SCENARIOS_ENV)
    return folder if folder is not None else user_data_dir() / "scenarios"


def scenario_source_dir() -> Path:
    """The role-play scenarios shipped with sbcm (``data/scenarios`` in the source tree)."""
    return Path(sbcm_tui.__file__).resolve().parent.parent / "data" / "scenarios"
