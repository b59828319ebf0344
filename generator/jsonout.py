"""jsonout: JSON text spelt exactly as ``json.dumps`` spells it (keys sorted, UTF-8 left as it
is), made with msgspec's encoder, several times faster than ``json``'s.

The two encoders differ only in how they spell some floats: msgspec writes ``1e20``,
``-7e-6`` and ``0.00001`` where ``json.dumps`` (Python's ``repr``) writes ``1e+20``,
``-7e-06`` and ``1e-05``. A float is therefore passed as :func:`python_float` makes it, or a
small value through :func:`python_floats`. ``tests/test_jsonout.py`` compares both encoders
on many values.
"""

from __future__ import annotations

import json

import msgspec

__all__ = ["compact", "indented", "python_float", "python_floats"]

_SORTED = msgspec.json.Encoder(order="sorted")


def compact(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))``."""
    return msgspec.json.format(_SORTED.encode(value), indent=0).decode("utf-8")


def indented(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)``."""
    return msgspec.json.format(_SORTED.encode(value), indent=1).decode("utf-8")


def python_float(number: float) -> msgspec.Raw:
    """A float as raw JSON, spelt as ``json.dumps`` spells it."""
    return msgspec.Raw(json.dumps(number).encode("ascii"))


def python_floats(value: object) -> object:
    """``value`` with every float in it given as :func:`python_float`: for small values (a
    walk over every item costs about what ``json.dumps`` does)."""
    if isinstance(value, float):
        return python_float(value)
    if isinstance(value, dict):
        return {key: python_floats(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [python_floats(item) for item in value]
    return value
