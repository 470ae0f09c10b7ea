#!/usr/bin/env python3
"""Check the feed fixtures against the JSON Schemas and the manifest's verdicts.

For every fixture line (Tests/Fixtures/feed/manifest.json) this applies, in order:

  1. framing (feed.md "Lines and bytes"): LF/CRLF line ends, blank lines skipped, a BOM at the
     very start of a file skipped;
  2. the strict loader layer: the rules JSON Schema cannot express (Schemas/README.md lists
     them): size, UTF-8, raw control bytes, raw BOM, depth, JSON syntax, duplicate keys, lone
     surrogates, top-level object, number literals kept as written;
  3. Draft 2020-12 validation against Schemas/feed-event.schema.json, every $ref served offline
     from a `referencing` registry built from the files under Schemas/; money given as a JSON
     number is validated by its literal text;
  4. the non-schema event rules: unique line_refs in order.placed.

A line is valid when no layer reports an error. For an invalid line, the set of fields named
by the errors must be exactly the manifest's `field` (null for a framing error), so every
invalid case breaks exactly the rule it is about. Also checked: every schema is a valid draft
2020-12 schema, every fixture line has a manifest case (and back), event ids are unique across
all fixture files.

Prints one line per mismatch and ends with "N passed, M failed" (one per fixture line).
Exit status 1 on any mismatch. Needs `pip install jsonschema` (which brings `referencing`).

Usage: python3 scripts/check_schemas.py [-v] [--ecma]
"""
from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "Schemas"
FIXTURES = ROOT / "Tests" / "Fixtures" / "feed"
FEED_EVENT_ID = "https://keapledger.invalid/schemas/feed-event.schema.json"

MAX_LINE_BYTES = 1_048_576
MAX_DEPTH = 64
BOM = b"\xef\xbb\xbf"
MONEY_DEFS = ("#/$defs/money", "#/$defs/optionalMoney")

if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)


# ---------------------------------------------------------------------------------------------
# 1. Framing
# ---------------------------------------------------------------------------------------------
def frame(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(line number, line bytes without its line end) for every non-blank line."""
    if data.startswith(BOM):
        data = data[len(BOM):]
    parts = data.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()  # the file's final LF ends the last line, it does not start another
    for number, line in enumerate(parts, 1):
        if line.endswith(b"\r"):
            line = line[:-1]  # CRLF; any other CR is part of the line
        if line.strip(b" \t") == b"":
            continue  # blank: empty or only spaces and tabs
        yield number, line


# ---------------------------------------------------------------------------------------------
# 2. Strict loader
# ---------------------------------------------------------------------------------------------
class FramingError(Exception):
    """The line is rejected before schema validation; the error names no field."""


class JSONInt(int):
    """An integer literal (no fraction, no exponent), with its text as written."""

    text: str

    def __new__(cls, text: str) -> "JSONInt":
        obj = super().__new__(cls, int(text))
        obj.text = text
        return obj


class JSONNumber(Decimal):
    """A number literal with a fraction or exponent: never an integer (1.0 and 1e0 are not)."""

    text: str

    def __new__(cls, text: str) -> "JSONNumber":
        obj = super().__new__(cls, text)
        obj.text = text
        return obj


def _pairs(pairs: list[tuple[str, Any]]) -> dict:
    obj: dict = {}
    for key, value in pairs:
        if key in obj:
            raise FramingError(f"duplicate key {key!r}")
        obj[key] = value
    return obj


def _no_constants(name: str) -> Any:
    raise FramingError(f"{name} is not JSON")


def _max_depth(line: bytes) -> int:
    depth = deepest = 0
    in_string = escaped = False
    for byte in line:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x7B, 0x5B):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest  # stop early: 100,000 brackets need not be counted
        elif byte in (0x7D, 0x5D):
            depth -= 1
    return deepest


_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0D)) + b"\x7f"


def _has_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if any(0xD800 <= ord(c) <= 0xDFFF for c in v):
                return True
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return False


def strict_load(line: bytes) -> dict:
    """The strict loader layer. Returns the top-level object or raises FramingError."""
    if len(line) > MAX_LINE_BYTES:
        raise FramingError(f"line of {len(line)} bytes is over 1 MiB")
    try:
        text = line.decode("utf-8", errors="strict")  # rejects overlongs, encoded surrogates, > U+10FFFF
    except UnicodeDecodeError as e:
        raise FramingError(f"invalid UTF-8: {e.reason} at byte {e.start}") from None
    if BOM in line:
        raise FramingError("raw byte-order mark inside the line")
    bad = line.translate(None, delete=bytes(b for b in range(256) if b not in _CONTROL_BYTES))
    if bad:
        raise FramingError(f"raw control byte 0x{bad[0]:02X}")
    if _max_depth(line) > MAX_DEPTH:
        raise FramingError(f"nested deeper than {MAX_DEPTH} levels")
    try:
        value = json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_int=JSONInt,
            parse_float=JSONNumber,
            parse_constant=_no_constants,
        )
    except FramingError:
        raise
    except (ValueError, RecursionError) as e:
        raise FramingError(f"not JSON: {e}") from None
    if _has_surrogate(value):
        raise FramingError("lone surrogate escape")
    if not isinstance(value, dict):
        raise FramingError("the top-level value is not an object")
    return value


# ---------------------------------------------------------------------------------------------
# 3. Schemas
# ---------------------------------------------------------------------------------------------
def load_schemas() -> tuple[Registry, dict[str, dict], list[str]]:
    """The registry of every schema file, the documents by $id, and problems found."""
    problems: list[str] = []
    docs: dict[str, dict] = {}
    for path in sorted(SCHEMAS.rglob("*.json")):
        rel = path.relative_to(ROOT)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as e:
            problems.append(f"{rel}: not JSON: {e}")
            continue
        try:
            Draft202012Validator.check_schema(doc)
        except SchemaError as e:
            problems.append(f"{rel}: not a valid draft 2020-12 schema: {e.message}")
        if doc.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            problems.append(f"{rel}: $schema is not draft 2020-12")
        sid = doc.get("$id")
        if not sid:
            problems.append(f"{rel}: no $id")
            continue
        expected = "https://keapledger.invalid/schemas/" + path.relative_to(SCHEMAS).as_posix()
        if sid != expected:
            problems.append(f"{rel}: $id {sid} should be {expected}")
        docs[sid] = doc
    registry = Registry().with_resources((sid, Resource.from_contents(doc)) for sid, doc in docs.items())
    registry = registry.crawl()
    return registry, docs, problems


def money_paths(registry: Registry, type_schema_id: str) -> list[tuple]:
    """Paths inside `data` whose schema is the money definition, e.g. ("lines", "*", "unit_price").

    Derived from the schemas, so the literal-text substitution follows them.
    """
    found: set[tuple] = set()

    def walk(schema: Any, resolver: Any, path: tuple, depth: int) -> None:
        if not isinstance(schema, dict) or depth > 20:
            return
        ref = schema.get("$ref")
        if ref is not None:
            if ref.endswith(MONEY_DEFS):
                found.add(path)
                return
            resolved = resolver.lookup(ref)
            walk(resolved.contents, resolved.resolver, path, depth + 1)
        for name, sub in schema.get("properties", {}).items():
            walk(sub, resolver, path + (name,), depth + 1)
        if "items" in schema:
            walk(schema["items"], resolver, path + ("*",), depth + 1)
        for kw in ("anyOf", "allOf", "oneOf"):
            for sub in schema.get(kw, []):
                walk(sub, resolver, path, depth + 1)

    resolver = registry.resolver(base_uri=type_schema_id)
    walk(registry.contents(type_schema_id), resolver, (), 0)
    return sorted(found)


def money_as_written(data: Any, path: tuple) -> None:
    """Replace a money value given as a JSON number by its literal text, so the schema's string
    rules (pattern, sign, 15 integer digits, decimals per currency) apply to it as written."""
    if not path:
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(data, list):
            for item in data:
                money_as_written(item, rest)
        return
    if not isinstance(data, dict) or head not in data:
        return
    if rest:
        money_as_written(data[head], rest)
    elif isinstance(data[head], (JSONInt, JSONNumber)):
        data[head] = data[head].text


def field_name(path: Any) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def schema_fields(validator: Draft202012Validator, event: dict) -> set[str]:
    fields: set[str] = set()
    for error in validator.iter_errors(event):
        path = list(error.absolute_path)
        if error.validator == "required" and isinstance(error.instance, dict):
            for name in error.validator_value:
                if name not in error.instance:
                    fields.add(field_name(path + [name]))
        else:
            fields.add(field_name(path))
    return fields


# ---------------------------------------------------------------------------------------------
# 4. Event rules beyond JSON Schema
# ---------------------------------------------------------------------------------------------
def unique_line_refs(event: dict) -> set[str]:
    """order.placed: line_refs unique within the order; each repeat names its own position."""
    if event.get("type") != "order.placed" or not isinstance(event.get("data"), dict):
        return set()
    lines = event["data"].get("lines")
    if not isinstance(lines, list):
        return set()
    seen: set[str] = set()
    fields = set()
    for i, line in enumerate(lines):
        if isinstance(line, dict) and isinstance(line.get("line_ref"), str):
            ref = line["line_ref"]
            if ref in seen:
                fields.add(f"data.lines[{i}].line_ref")
            seen.add(ref)
    return fields


# ---------------------------------------------------------------------------------------------
# Optional: the patterns mean the same in ECMA-262 (JSON Schema's regex dialect) as in Python
# ---------------------------------------------------------------------------------------------
def ecma_cross_check(docs: dict[str, dict], strings: set[str]) -> list[str]:
    """Run every schema pattern through node's RegExp (u flag) and Python's re on the given
    strings; report any disagreement. Needs `node` on PATH."""
    import re
    import shutil
    import subprocess
    import tempfile

    node = shutil.which("node")
    if node is None:
        return ["--ecma needs node on PATH"]
    patterns: set[str] = set()

    def walk(v: Any) -> None:
        if isinstance(v, dict):
            if isinstance(v.get("pattern"), str):
                patterns.add(v["pattern"])
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(list(docs.values()))
    pats, probes = sorted(patterns), sorted(strings)
    script = (
        "const fs=require('fs');const [pats,probes]=JSON.parse(fs.readFileSync(process.argv[process.argv.length-1],'utf8'));"
        "const out=pats.map(p=>{const r=new RegExp(p,'u');return probes.map(s=>r.test(s)?1:0).join('')});"
        "process.stdout.write(JSON.stringify(out));"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
        json.dump([pats, probes], f)
        data_path = f.name
    try:
        run = subprocess.run([node, "-e", script, data_path], capture_output=True, text=True, timeout=300)
    finally:
        Path(data_path).unlink()
    if run.returncode != 0:
        return [f"node failed: {run.stderr.strip()[:500]}"]
    problems = []
    for p, bits in zip(pats, json.loads(run.stdout)):
        rx = re.compile(p)
        for s, bit in zip(probes, bits):
            if bool(rx.search(s)) != (bit == "1"):
                problems.append(f"pattern {p[:60]!r} on {s[:40]!r}: python {bool(rx.search(s))}, ECMA-262 {bit == '1'}")
    print(f"ecma: {len(pats)} patterns x {len(probes)} strings compared with node's RegExp")
    return problems


def all_strings(value: Any, out: set[str]) -> None:
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, (JSONInt, JSONNumber)):
        out.add(value.text)
    elif isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            all_strings(v, out)
    elif isinstance(value, list):
        for v in value:
            all_strings(v, out)


# ---------------------------------------------------------------------------------------------
class Checker:
    def __init__(self) -> None:
        self.registry, self.docs, self.problems = load_schemas()
        if FEED_EVENT_ID not in self.docs:
            raise SystemExit(f"{FEED_EVENT_ID} not found under {SCHEMAS}")
        self.validator = Draft202012Validator(self.docs[FEED_EVENT_ID], registry=self.registry)
        envelope = self.docs["https://keapledger.invalid/schemas/envelope.schema.json"]
        self.types = envelope["properties"]["type"]["enum"]
        self.money = {
            t: money_paths(self.registry, f"https://keapledger.invalid/schemas/events/{t}.schema.json") for t in self.types
        }

    def fields(self, line: bytes) -> tuple[set[Any], dict | None]:
        """The fields the errors name (None for framing); empty when the line is valid."""
        try:
            event = strict_load(line)
        except FramingError:
            return {None}, None
        t = event.get("type")
        if isinstance(t, str) and t in self.money and isinstance(event.get("data"), dict):
            for path in self.money[t]:
                money_as_written(event["data"], path)
        return schema_fields(self.validator, event) | unique_line_refs(event), event

    def explain(self, line: bytes) -> str:
        try:
            event = strict_load(line)
        except FramingError as e:
            return f"framing: {e}"
        return "; ".join(f"{field_name(e.absolute_path) or '(top)'}: {e.message[:160]}" for e in self.validator.iter_errors(event)) or "valid"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every line's result")
    parser.add_argument("--ecma", action="store_true",
                        help="also check, with node, that every schema pattern means the same in ECMA-262 as in Python on every fixture string")
    args = parser.parse_args()

    checker = Checker()
    failures = list(checker.problems)
    for p in checker.problems:
        print(f"SCHEMA {p}")
    if args.verbose:
        for t, paths in checker.money.items():
            if paths:
                print(f"money fields of {t}: {', '.join('.'.join(p) for p in paths)}")

    manifest = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    passed = failed = 0
    ids: dict[str, str] = {}
    strings: set[str] = set()
    listed = set()
    counts = {"valid": 0, "invalid": 0}
    for entry in manifest["files"]:
        rel, expect = entry["path"], entry["expect"]
        listed.add(rel)
        path = FIXTURES / rel
        if expect not in ("valid", "invalid"):
            print(f"MANIFEST {rel}: expect must be valid or invalid")
            failures.append(rel)
            continue
        if not path.exists():
            print(f"MANIFEST {rel}: no such file")
            failures.append(rel)
            continue
        cases = {c["line"]: c for c in entry["cases"]}
        if len(cases) != len(entry["cases"]):
            print(f"MANIFEST {rel}: a line is listed twice")
            failures.append(rel)
        seen_lines = set()
        for number, line in frame(path.read_bytes()):
            seen_lines.add(number)
            where = f"{rel}:{number}"
            case = cases.get(number)
            if case is None:
                print(f"FAIL {where}: line not in the manifest")
                failed += 1
                continue
            counts[expect] += 1
            got, event = checker.fields(line)
            ok = True
            if expect == "valid":
                if got:
                    print(f"FAIL {where}: expected valid, got errors at {sorted(map(str, got))} ({case.get('note')}): {checker.explain(line)}")
                    ok = False
            else:
                want = case.get("field", "<missing>")
                if want == "<missing>":
                    print(f"FAIL {where}: invalid case without `field` in the manifest")
                    ok = False
                elif not got:
                    print(f"FAIL {where}: expected invalid at {want!r}, but the line is valid ({case.get('note')})")
                    ok = False
                elif got != {want}:
                    print(f"FAIL {where}: expected an error at {want!r} only, got {sorted(map(str, got))} ({case.get('note')}): {checker.explain(line)}")
                    ok = False
            if args.ecma:
                try:
                    all_strings(strict_load(line), strings)
                except FramingError:
                    pass
            if event is not None and isinstance(event.get("id"), str):
                first = ids.setdefault(event["id"], where)
                if first != where:
                    print(f"FAIL {where}: event id {event['id']!r} already used at {first}")
                    ok = False
            if ok:
                passed += 1
                if args.verbose:
                    print(f"ok   {where}: {expect}{'' if expect == 'valid' else ' at ' + repr(case.get('field'))}")
            else:
                failed += 1
        for number in sorted(set(cases) - seen_lines):
            print(f"FAIL {rel}:{number}: listed in the manifest but not a (non-blank) line of the file")
            failed += 1
    for path in sorted(FIXTURES.rglob("*.ndjson")):
        rel = path.relative_to(FIXTURES).as_posix()
        if rel not in listed:
            print(f"MANIFEST {rel}: fixture file not in the manifest")
            failures.append(rel)
    if args.ecma:
        for p in ecma_cross_check(checker.docs, strings):
            print(f"ECMA {p}")
            failures.append(p)
    if failures:
        print(f"{len(failures)} schema/manifest problem(s)")
    print(f"cases: {counts['valid']} valid, {counts['invalid']} invalid")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or failures else 0


if __name__ == "__main__":
    sys.exit(main())
