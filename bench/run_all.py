"""Run every benchmark in bench/ in turn; each prints its figures and writes bench/results/*.json.

Usage: python bench/run_all.py [NAME ...]   (NAME = geocode, query, extract, map, import, scale, longline)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("geocode", "query", "extract", "map", "import", "scale", "longline")


def main(argv: list[str]) -> int:
    """Run the named benchmarks (all by default); return the worst exit code."""
    names = argv or list(ORDER)
    worst = 0
    for name in names:
        script = HERE / f"bench_{name}.py"
        if not script.is_file():
            print(f"== {name}: no {script.name}", file=sys.stderr)
            worst = max(worst, 1)
            continue
        print(f"== {name}", flush=True)
        rc = subprocess.run([sys.executable, str(script)], check=False).returncode
        worst = max(worst, rc)
    return worst


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
