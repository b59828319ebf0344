"""Whatever the input, a content mistake gives diagnostics and exit 1, never a traceback.

Each case takes one file of the default content, damages it in a seeded random way (deleted,
duplicated or swapped lines, YAML's special characters dropped in, bytes cut, invalid UTF-8,
control characters, deep nesting) and runs ``explainer check`` in process.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from generator.cli import main

from conftest import ROOT

SPECIALS = [
    ":", "- ", "&a ", "*a", "!!str ", "<<: ", "{", "}", "[", "]", "'", '"', "|", ">", "#",
    "%", "@", "`", "? ", "---\n", "...\n", "\t", "~", "null", "no", "0o17", "1e3",
    "2021-02-30", "[^tass-2021-09-05#s99]", "](@nobody)", "<b>", "](javascript:x)",
]  # fmt: skip


def _damage(text: str, rng: random.Random) -> bytes:
    lines = text.splitlines(keepends=True) or [""]
    for _ in range(rng.randint(1, 4)):
        action = rng.randrange(7)
        i = rng.randrange(len(lines))
        if action == 0 and len(lines) > 1:
            del lines[i]
        elif action == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif action == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == 3:
            line = lines[i]
            at = rng.randint(0, len(line))
            lines[i] = line[:at] + rng.choice(SPECIALS) + line[at:]
        elif action == 4:
            line = lines[i]
            at = rng.randint(0, len(line))
            lines[i] = line[:at] + line[at + rng.randint(1, 8) :]
        elif action == 5:
            lines[i] = " " * rng.randint(1, 6) + lines[i]
        else:
            lines.insert(i, "x:\n" + "".join("  " * d + "- a:\n" for d in range(1, 40)))
    data = "".join(lines).encode("utf-8")
    if rng.random() < 0.1:
        at = rng.randrange(len(data) + 1)
        data = (
            data[:at]
            + rng.choice([b"\xff", b"\xc3", b"\x00", b"\x07", b"\xef\xbb\xbf"])
            + data[at:]
        )
    return data


FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*") if p.is_file())


@pytest.mark.parametrize("seed", range(120))
def test_damaged_content_never_crashes(
    seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(seed)
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    for name in rng.sample(FILES, rng.randint(1, 3)):
        target = project / name
        target.write_bytes(_damage(target.read_text(encoding="utf-8"), rng))
    status = main(["check", str(project)])
    captured = capsys.readouterr()
    assert status in (0, 1), captured.err
    assert "Traceback" not in captured.err
    if status == 1:
        assert "error[" in captured.err
        for line in captured.err.splitlines():
            if "error[" in line or "warning[" in line:
                path, _, rest = line.partition(":")
                assert path.startswith("content/") and rest.split(":")[0].isdigit(), line
