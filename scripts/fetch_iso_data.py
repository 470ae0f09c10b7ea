#!/usr/bin/env python3
"""Produce scripts/data/iso4217.tsv and scripts/data/iso3166.tsv from their sources.

Sources (both installed through ordinary package clients, no other network access):
  * ISO 4217 currencies: the PyPI package `iso4217` (`pip install iso4217`), which ships
    the SIX "list one" table (current funds) with minor units.
  * ISO 3166-1 countries: Debian's `iso-codes` package (`apt-get install iso-codes`),
    file /usr/share/iso-codes/json/iso_3166-1.json.

Only the TSVs are committed; scripts/gen_iso_tables.py and scripts/gen_schemas.py read them
with the standard library only. Run this again only to refresh the data, then re-run the
generators and review the diff.

Usage: python3 scripts/fetch_iso_data.py [--iso3166-json PATH]
"""
from __future__ import annotations

import argparse
import json
import sys
from importlib import metadata
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
ISO3166_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

# Spot checks: if the source disagrees with these, something is wrong with it.
EXPECTED_MINOR_UNITS = {"JPY": 0, "USD": 2, "KWD": 3, "BHD": 3, "CLF": 4, "UYW": 4, "ISK": 0, "VND": 0, "EUR": 2}
EXPECTED_EXCLUDED = {"XAU", "XAG", "XDR", "XTS", "XXX", "XBA", "XPT", "XPD"}


def fetch_currencies() -> tuple[list[tuple[str, int]], str]:
    try:
        import iso4217  # type: ignore
    except ImportError:
        sys.exit("the PyPI package 'iso4217' is needed: pip install iso4217")
    rows: dict[str, int] = {}
    for code, entry in iso4217.raw_table.items():
        if code is None or entry.get("CcyNbr") is None:
            continue  # "No universal currency" rows (Antarctica) carry no code
        units = entry.get("CcyMnrUnts")
        if units is None or not units.isdigit():
            continue  # "N.A.": precious metals, bond units, XDR, XTS, XXX, ...
        if len(code) != 3 or not code.isascii() or not code.isupper():
            raise SystemExit(f"unexpected currency code {code!r}")
        rows[code] = int(units)
    for code, units in EXPECTED_MINOR_UNITS.items():
        if rows.get(code) != units:
            raise SystemExit(f"source says {code} has {rows.get(code)} minor units, expected {units}")
    if EXPECTED_EXCLUDED & rows.keys():
        raise SystemExit(f"source gives minor units to {sorted(EXPECTED_EXCLUDED & rows.keys())}")
    if any(u > 4 for u in rows.values()):
        raise SystemExit("a minor unit above 4")
    version = metadata.version("iso4217")
    published = iso4217.raw_xml.attrib.get("Pblshd", "?")
    source = f"PyPI iso4217 {version} (SIX ISO 4217 list one, published {published})"
    return sorted(rows.items()), source


def fetch_countries(path: str) -> tuple[list[tuple[str, str, str]], str]:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    rows = []
    for entry in doc["3166-1"]:
        a2, a3, name = entry["alpha_2"], entry["alpha_3"], entry["name"]
        if not (len(a2) == 2 and a2.isascii() and a2.isupper() and len(a3) == 3 and a3.isascii() and a3.isupper()):
            raise SystemExit(f"unexpected country codes {a2!r} {a3!r}")
        if "\t" in name or "\n" in name:
            raise SystemExit(f"unexpected name {name!r}")
        rows.append((a2, a3, name))
    rows.sort()
    codes = {r[0] for r in rows}
    if len(codes) != len(rows):
        raise SystemExit("duplicate alpha-2 code")
    for must in ("US", "GB", "DE", "JP", "AQ", "TW"):
        if must not in codes:
            raise SystemExit(f"{must} missing")
    for must_not in ("XK", "UK", "EU", "AN", "ZZ"):
        if must_not in codes:
            raise SystemExit(f"{must_not} is not officially assigned but is in the source")
    try:
        version = metadata.version("iso-codes")  # not a Python package; falls through normally
    except metadata.PackageNotFoundError:
        version = debian_version("iso-codes")
    return rows, f"Debian iso-codes {version} ({path})"


def debian_version(package: str) -> str:
    try:
        with open("/var/lib/dpkg/status", encoding="utf-8") as f:
            block = None
            for line in f:
                if line.startswith("Package: "):
                    block = line[len("Package: "):].strip()
                elif block == package and line.startswith("Version: "):
                    return line[len("Version: "):].strip()
    except OSError:
        pass
    return "(version unknown)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iso3166-json", default=ISO3166_JSON)
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)

    currencies, csource = fetch_currencies()
    with open(DATA / "iso4217.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# ISO 4217 active currencies that have a minor unit. Source: {csource}.\n")
        f.write("# Written by scripts/fetch_iso_data.py. Codes whose minor unit is N.A. are left out.\n")
        f.write("code\tminor_units\n")
        for code, units in currencies:
            f.write(f"{code}\t{units}\n")

    countries, ksource = fetch_countries(args.iso3166_json)
    with open(DATA / "iso3166.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# ISO 3166-1 officially assigned country codes. Source: {ksource}.\n")
        f.write("# Written by scripts/fetch_iso_data.py.\n")
        f.write("alpha2\talpha3\tname\n")
        for a2, a3, name in countries:
            f.write(f"{a2}\t{a3}\t{name}\n")

    print(f"{len(currencies)} currencies, {len(countries)} countries written to {DATA}")


if __name__ == "__main__":
    main()
