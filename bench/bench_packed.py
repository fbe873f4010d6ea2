"""What importing a dataset as delivered costs: gzip, zip and an Excel workbook vs plain CSV.

One synthetic ACLED file (bench_import's generator) is imported plain, gzipped, zipped and
as an ``.xlsx`` workbook (the form of ACLED's curated regional files), each into a fresh
store in this process, best of ``ROUNDS``. Reported: seconds and the ratio to the plain
CSV import of the same rows (the floor), rows per second for the workbook, whose cost
is reading the sheet XML row by row, and that read against openpyxl's read-only mode on
the same workbook. No target is set by an issue: these figures
tell a user what to expect. Usage: ``python bench/bench_packed.py [N_ROWS]``.
"""

from __future__ import annotations

import csv
import gzip
import json
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_import import generate  # noqa: E402

N_DEFAULT = 100_000
ROUNDS = 3


def _workbook(src: Path, out: Path) -> None:
    """Write the CSV as a one-sheet workbook, numbers as numbers (openpyxl write-only)."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    with src.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        sheet.append(next(reader))
        for rec in reader:
            row: list[object] = []
            for value in rec:
                try:
                    row.append(float(value) if "." in value else int(value))
                except ValueError:
                    row.append(value)
            sheet.append(row)
    book.save(out)


def _read_ours(path: Path) -> float:
    """Seconds to read every row of the workbook with geoevents' reader."""
    from geoevents.importers.xlsx import first_sheet

    t = time.perf_counter()
    book, sheet = first_sheet(path)
    with book:
        for _ in sheet.rows():
            pass
    return time.perf_counter() - t


def _read_openpyxl(path: Path) -> float:
    """Seconds to read every row with openpyxl's read-only mode (values only): the floor."""
    import openpyxl

    t = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for _ in book.worksheets[0].iter_rows(values_only=True):
        pass
    book.close()
    return time.perf_counter() - t


def _import(path: Path, db: Path) -> tuple[float, int]:
    from geoevents.importers import import_acled
    from geoevents.store import open_store

    for leftover in (db, db.with_name(db.name + ".wal")):
        leftover.unlink(missing_ok=True)
    with open_store(db) as store:
        t = time.perf_counter()
        summary = import_acled(store, path)
        return time.perf_counter() - t, summary.imported


def main(argv: list[str]) -> int:
    """Make the four files, import each, print and save the figures."""
    n = int(argv[0]) if argv else N_DEFAULT
    with tempfile.TemporaryDirectory(prefix="geoevents-bench-packed-") as tmp_name:
        tmp = Path(tmp_name)
        plain = tmp / "acled.csv"
        generate(plain, n)
        files = {"csv": plain, "gz": tmp / "acled.csv.gz", "zip": tmp / "acled.zip"}
        with plain.open("rb") as src, gzip.open(files["gz"], "wb", compresslevel=6) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        with zipfile.ZipFile(files["zip"], "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.write(plain, "acled.csv")
        files["xlsx"] = tmp / "acled.xlsx"
        t = time.perf_counter()
        _workbook(plain, files["xlsx"])
        print(f"{n:,} rows; workbook written in {time.perf_counter() - t:.1f}s", flush=True)
        best: dict[str, float] = {}
        for _ in range(ROUNDS):
            for name, path in files.items():
                secs, imported = _import(path, tmp / "store.duckdb")
                if imported != n:
                    print(f"{name}: imported {imported} of {n}", file=sys.stderr)
                    return 1
                best[name] = min(best.get(name, secs), secs)
            for name, reader in (("read_ours", _read_ours), ("read_openpyxl", _read_openpyxl)):
                secs = reader(files["xlsx"])
                best[name] = min(best.get(name, secs), secs)
        sizes = {k: round(p.stat().st_size / 1e6, 1) for k, p in files.items()}
    floor = best["csv"]
    report = {
        "rows": n,
        "file_mb": sizes,
        "best_s": {k: round(v, 3) for k, v in best.items()},
        "ratio_vs_plain_csv": {k: round(v / floor, 2) for k, v in best.items()},
        "xlsx_rows_per_s": round(n / best["xlsx"]),
        "sheet_read_vs_openpyxl": round(best["read_openpyxl"] / best["read_ours"], 2),
    }
    for name in files:
        print(
            f"{name:5s} {sizes[name]:7.1f} MB  {best[name]:6.2f}s  x{best[name] / floor:.2f}",
            flush=True,
        )
    out = HERE / "results" / "packed.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(
        f"import {n:,} ACLED rows: csv {floor:.2f}s; gz x{best['gz'] / floor:.2f}; "
        f"zip x{best['zip'] / floor:.2f}; xlsx x{best['xlsx'] / floor:.2f} "
        f"({report['xlsx_rows_per_s']:,} rows/s); sheet read {best['read_ours']:.2f}s, "
        f"{report['sheet_read_vs_openpyxl']:.2f}x as fast as openpyxl read-only "
        f"({best['read_openpyxl']:.2f}s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
