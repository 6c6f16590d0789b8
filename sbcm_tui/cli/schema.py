"""``sbcm schema``: the JSON Schema of a case file (either format: both hold the same model)."""

from __future__ import annotations

import argparse
import json
import sys

from sbcm_tui.cli.output import EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``sbcm schema`` to the command line."""
    schema = commands.add_parser("schema", help="print the JSON Schema of a case file")
    schema.set_defaults(handler=cmd_schema)


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a case file."""
    from sbcm_tui.files.casefile import case_json_schema

    sys.stdout.write(json.dumps(case_json_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
