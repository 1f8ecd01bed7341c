"""Data shipped as plain scripts (`window.NAME = …;`): pages opened from file:// cannot fetch JSON."""

from __future__ import annotations

import json
from typing import Any


def inert_json(data: Any) -> str:
    """JSON no string of which can close a script or start markup: ensure_ascii, '<' escaped."""
    payload = json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    return payload.replace("<", "\\u003c")


def script_assignment(name: str, data: Any) -> bytes:
    """A script that sets window[name]; author text inside it stays inert."""
    return f"window.{name}={inert_json(data)};\n".encode()


def script_entry(name: str, key: str, data: Any) -> bytes:
    """A script that sets window[name][key]: one of many small files a page loads on demand."""
    return f"(window.{name}=window.{name}||{{}})[{inert_json(key)}]={inert_json(data)};\n".encode()
