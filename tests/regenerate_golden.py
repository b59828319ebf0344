"""Rewrite tests/golden/default/ from the default content: ``make golden``.

Run it after an intended change of the output, then review ``git diff tests/golden`` like code:
every changed byte there is a change readers will see.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "default"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from generator.cli import main as explainer

    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    status = explainer(["build", "--strict", str(ROOT), "--output", str(GOLDEN)])
    if status == 0:
        print(f"wrote {sum(1 for p in GOLDEN.rglob('*') if p.is_file())} files to {GOLDEN}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
