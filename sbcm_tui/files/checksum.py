"""The checksum line at the end of a TOML case file, apart from the case model.

A TOML file cut short can still parse, as a shorter and silently incomplete case; the last line,
``# sbcm-sha256: <hex>``, says whether everything before it is what was written. This lives on
its own so that code which only moves bytes (the demo copy at start-up) can seal a file without
importing pydantic and the case model.
"""

from __future__ import annotations

import hashlib
import re

SEAL_PREFIX = b"# sbcm-sha256: "
SEAL_RE = re.compile(rb"\n# sbcm-sha256: ([0-9a-f]{64})\n?\Z")


def seal(body: bytes) -> bytes:
    """Append the checksum line to TOML bytes (the body must end with a newline)."""
    if not body.endswith(b"\n"):
        body += b"\n"
    return body + SEAL_PREFIX + hashlib.sha256(body).hexdigest().encode() + b"\n"


def unsealed(raw: bytes) -> bytes:
    """TOML bytes without their checksum line, if they have one."""
    match = SEAL_RE.search(raw)
    return raw if match is None else raw[: match.start() + 1]
