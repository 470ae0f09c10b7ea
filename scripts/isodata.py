"""Readers for the committed ISO tables in scripts/data/ (standard library only).

Both TSVs start with `#` comment lines (source and provenance), then a header row, then
one row per code. Used by gen_iso_tables.py, gen_schemas.py and gen_fixtures.py.
"""
from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _read(name: str, header: list[str]) -> tuple[list[str], list[list[str]]]:
    comments: list[str] = []
    rows: list[list[str]] = []
    seen_header = False
    with open(DATA / name, encoding="utf-8", newline="") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line:
                continue
            if line.startswith("#"):
                comments.append(line[1:].strip())
                continue
            cols = line.split("\t")
            if not seen_header:
                if cols != header:
                    raise SystemExit(f"{name}:{lineno}: header should be {header}, is {cols}")
                seen_header = True
                continue
            if len(cols) != len(header):
                raise SystemExit(f"{name}:{lineno}: {len(cols)} columns, expected {len(header)}")
            rows.append(cols)
    return comments, rows


def currencies() -> tuple[dict[str, int], list[str]]:
    """Code -> minor units (0...4), and the file's comment lines."""
    comments, rows = _read("iso4217.tsv", ["code", "minor_units"])
    table: dict[str, int] = {}
    for code, units in rows:
        if len(code) != 3 or not code.isascii() or not code.isalpha() or not code.isupper():
            raise SystemExit(f"iso4217.tsv: bad code {code!r}")
        if units not in {"0", "1", "2", "3", "4"}:
            raise SystemExit(f"iso4217.tsv: bad minor units {units!r} for {code}")
        if code in table:
            raise SystemExit(f"iso4217.tsv: duplicate {code}")
        table[code] = int(units)
    return dict(sorted(table.items())), comments


def countries() -> tuple[dict[str, tuple[str, str]], list[str]]:
    """Alpha-2 -> (alpha-3, name), and the file's comment lines."""
    comments, rows = _read("iso3166.tsv", ["alpha2", "alpha3", "name"])
    table: dict[str, tuple[str, str]] = {}
    for a2, a3, name in rows:
        if len(a2) != 2 or len(a3) != 3 or not (a2 + a3).isascii() or not (a2 + a3).isalpha() or not (a2 + a3).isupper():
            raise SystemExit(f"iso3166.tsv: bad codes {a2!r} {a3!r}")
        if a2 in table:
            raise SystemExit(f"iso3166.tsv: duplicate {a2}")
        table[a2] = (a3, name)
    return dict(sorted(table.items())), comments
