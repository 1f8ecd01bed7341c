"""Data shipped as plain scripts (`window.NAME = …;`): pages opened from file:// cannot fetch JSON."""

from __future__ import annotations

import json
from typing import Any


def script_assignment(name: str, data: Any) -> bytes:
    """A script that sets window[name]; author text inside it stays inert.

    ensure_ascii plus escaping '<' means no string can close the script or start markup.
    """
    payload = json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    payload = payload.replace("<", "\\u003c")
    return f"window.{name}={payload};\n".encode()
