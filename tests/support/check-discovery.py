#!/usr/bin/env python3
"""Compares the CTest entries that doctest_discover_tests made with the
TEST_CASEs written in the sources, so that no test case is lost or split.

Usage: check-discovery.py SOURCE_DIR BUILD_DIR
Exit status: 0 every TEST_CASE is exactly one CTest entry and every doctest
entry is a TEST_CASE; 1 otherwise (each difference is printed); 2 usage.

A name that CTest or doctest's filter cannot carry is refused by name: a ';'
splits the entry in two (CMake lists), and two names equal but for case run
under one filter (doctest matches filters without case).
"""
import json
import pathlib
import re
import subprocess
import sys

# The doctest programs: source folder, CTest prefix, and the files that are
# not run as one entry per test case (the conformance program is one entry).
SUITES = [
    ("tests/unit", "unit:", ()),
    ("tests/emulator", "emulator:", ("test_conformance",)),
    ("tests/e2e", "e2e:", ()),
]

# TEST_CASE( followed by one or more adjacent string literals.
TEST_CASE = re.compile(r'\bTEST_CASE\s*\(\s*((?:"(?:[^"\\\n]|\\.)*"\s*)+)')
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def source_names(root):
    names = {}
    for folder, prefix, excluded in SUITES:
        for path in sorted((root / folder).glob("*.cpp")):
            if excluded and path.name.startswith(excluded):
                continue
            text = path.read_text(encoding="utf-8")
            for match in TEST_CASE.finditer(text):
                name = "".join(re.sub(r"\\(.)", r"\1", part)
                               for part in LITERAL.findall(match.group(1)))
                line = text.count("\n", 0, match.start()) + 1
                names.setdefault(prefix + name, []).append(f"{path.relative_to(root)}:{line}")
    return names


def ctest_names(build):
    shown = subprocess.run(["ctest", "--test-dir", str(build), "--show-only=json-v1"],
                           check=True, capture_output=True, text=True).stdout
    prefixes = tuple(prefix for _, prefix, _ in SUITES)
    names = []
    for test in json.loads(shown)["tests"]:
        command = test.get("command") or []
        if test["name"].startswith(prefixes) and any(a.startswith("--test-case=") for a in command):
            names.append(test["name"])
    return names


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    root, build = pathlib.Path(argv[1]), pathlib.Path(argv[2])
    in_sources = source_names(root)
    in_ctest = ctest_names(build)
    problems = []

    for name, places in sorted(in_sources.items()):
        if len(places) > 1:
            problems.append(f"{name!r} is written {len(places)} times: {', '.join(places)}")
        if ";" in name:
            problems.append(f"{name!r} ({places[0]}) holds a ';', which splits its CTest entry")
    folded = {}
    for name in in_sources:
        folded.setdefault(name.casefold(), []).append(name)
    for same in folded.values():
        if len(same) > 1:
            problems.append(f"names equal but for case run under one filter: {same}")

    for name in sorted(set(in_sources) - set(in_ctest)):
        problems.append(f"{name!r} ({in_sources[name][0]}) is no CTest entry")
    for name in sorted(set(in_ctest) - set(in_sources)):
        problems.append(f"CTest entry {name!r} is no TEST_CASE in the sources")

    for problem in problems:
        print("FAIL:", problem)
    if problems:
        return 1
    print(f"PASS: {len(in_sources)} TEST_CASEs, each one CTest entry")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
