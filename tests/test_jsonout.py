"""``jsonout`` writes ``explainer.json`` line by line and every page's JSON-LD; it must spell
every value as ``json.dumps`` does, floats (given as ``python_float``) included: a faster
encoder may not change one byte of the site."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics
from generator.graph import graph_data, graph_json
from generator.jsonout import compact, indented, python_float, python_floats
from generator.pipeline import check

from conftest import ROOT


def _reference(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def _reference_indented(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)


ODD_TEXTS = [
    "", "plain", "é ü ñ 中文 دری پښتو", "quote \" and backslash \\", "\x00\x01\x1f\x7f",
    "\n\r\t\b\f", "\u2028\u2029", "</script><!--", "&amp; <b>", "emoji 🙂 and ZWJ 👩‍👩‍👧",
    "\ufeffBOM", "a, b: c", '{"not": "json"}',
]  # fmt: skip
FLOATS = [0.0, -0.0, 1.5, 35.3, -69.123456789, 1e-07, 1e-05, 0.0001, 1e16, 1e22, 123456789.0,
          2.5e-10, -180.0, 90.0, 0.1 + 0.2]  # fmt: skip


def _value(rng: random.Random, depth: int) -> object:
    roll = rng.random()
    if depth > 3 or roll < 0.35:
        return rng.choice([
            None, True, False, rng.randint(-(10**20), 10**20), rng.choice(ODD_TEXTS),
            rng.randint(0, 9),
        ])  # fmt: skip
    if roll < 0.55:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys = rng.sample([*ODD_TEXTS, "id", "lat", "lon", "z", "a", "A", "é"], rng.randint(0, 5))
    return {k: _value(rng, depth + 1) for k in keys}


@pytest.mark.parametrize("seed", range(40))
def test_values_are_spelt_as_json_dumps_spells_them(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(25):
        value = _value(rng, 0)
        assert compact(value) == _reference(value)
        assert indented(value) == _reference_indented(value)


@pytest.mark.parametrize("seed", range(20))
def test_python_floats_spells_every_float_as_json_dumps(seed: int) -> None:
    rng = random.Random(seed)
    value = [_value(rng, 0), {"geo": {"lat": rng.choice(FLOATS)}}, (rng.choice(FLOATS),)]
    value.append([{"n": number} for number in rng.sample(FLOATS, 5)])
    assert indented(python_floats(value)) == _reference_indented(value)
    assert compact(python_floats(value)) == _reference(value)


@pytest.mark.parametrize("number", FLOATS)
def test_a_float_is_spelt_as_json_dumps_spells_it(number: float) -> None:
    place = {"id": "x", "coordinates": {"lat": number, "lon": -number}}
    given = {"id": "x", "coordinates": {"lat": python_float(number), "lon": python_float(-number)}}
    assert compact(given) == _reference(place)


@pytest.mark.parametrize(
    ("lat", "lon"), [("0.00001", "-0.000007"), ("35.3", "69.5"), ("0.0", "-0.0")]
)
def test_coordinates_in_the_graph_are_spelt_as_json_dumps_spells_them(
    project_dir: Path, lat: str, lon: str
) -> None:
    place = project_dir / "content/provinces/panjshir.yaml"
    place.write_text(
        place.read_text("utf-8") + f"coordinates:\n  lat: {lat}\n  lon: {lon}\n", "utf-8"
    )
    site = check(project_dir, Diagnostics())
    assert site is not None
    text = graph_json(site).decode("utf-8")
    line = next(x for x in text.splitlines() if '"id": "panjshir"' in x)
    spelt = f'"coordinates": {{"lat": {float(lat)!r}, "lon": {float(lon)!r}}}'
    assert spelt in line  # 1e-05 and -7e-06 (msgspec alone would write 0.00001 and -7e-6)
    assert json.loads(text)["entities"] == json.loads(json.dumps(graph_data(site)["entities"]))


def test_the_default_graph_is_what_json_dumps_would_write() -> None:
    site = check(ROOT, Diagnostics())
    assert site is not None
    data = graph_data(site)
    written = json.loads(graph_json(site))
    assert written == json.loads(json.dumps(data))
    for entity in data["entities"]:  # type: ignore[attr-defined]
        line = compact(entity)
        assert line == _reference(entity)
        assert line in graph_json(site).decode("utf-8")
