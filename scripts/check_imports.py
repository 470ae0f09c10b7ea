#!/usr/bin/env python3
"""Checks that Package.swift is the true map of the house: every module a target imports is one it declares, and
every dependency it declares is imported somewhere in it. A module that arrives transitively builds today and
breaks the day the package in between drops it; a declared one never imported is a dependency nobody uses.

Run from anywhere: python3 scripts/check_imports.py   (exits 1 naming each mismatch; needs `swift` on PATH)
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Modules of the toolchain and the system: never declared in a manifest.
SYSTEM = {"Foundation", "FoundationNetworking", "FoundationEssentials", "Glibc", "Darwin", "Dispatch",
          "Synchronization", "Testing", "XCTest", "os"}
# `import X`, `@testable import X`, `import struct X.Y`; a module name starts with a capital (a Python snippet in a
# Swift string, `import json`, is not an import).
IMPORT = re.compile(
    r"^[ \t]*(?:@testable[ \t]+|@_exported[ \t]+|package[ \t]+|public[ \t]+|internal[ \t]+)*import[ \t]+"
    r"(?:(?:struct|class|enum|protocol|typealias|func|let|var)[ \t]+)?([A-Z]\w*)", re.M)


def main() -> int:
    manifest = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, check=True,
                                         capture_output=True, text=True).stdout)
    problems = []
    for target in manifest["targets"]:
        if target["type"] == "system":
            continue
        default = "Tests" if target["type"] == "test" else "Sources"
        folder = ROOT / (target.get("path") or f"{default}/{target['name']}")
        declared = set()
        for dependency in target["dependencies"]:
            kind, value = next(iter(dependency.items()))
            declared.add(value[0])  # byName, target or product: the module has the product's name here
        imported = set()
        for source in folder.rglob("*.swift"):
            imported |= set(IMPORT.findall(source.read_text(encoding="utf-8")))
        imported -= SYSTEM
        for module in sorted(imported - declared):
            problems.append(f"{target['name']} imports {module} without declaring it")
        for module in sorted(declared - imported):
            problems.append(f"{target['name']} declares {module} and never imports it")
    for problem in problems:
        print(problem)
    if not problems:
        print(f"every import declared and every dependency imported ({len(manifest['targets'])} targets)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
