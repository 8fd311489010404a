#!/usr/bin/env python3
"""techpass-emulator(1) must say what the emulator does.

The page is written by hand (emulator/techpass-emulator.1), so this check
holds it to the code: every option `techpass-emulator --help` lists, every
test control route the emulator registers, every fault kind and every table
GET /_emulator/state/TABLE serves must appear in it.

Usage: check-emulator-man.py SOURCE_DIR TECHPASS_EMULATOR
"""

import re
import subprocess
import sys


def roff_text(page):
    """The page's words: escapes undone, fonts dropped."""
    text = page.replace("\\-", "-").replace("\\e", "\\")
    text = re.sub(r"\\f[BIRP]", "", text)
    return text


def main():
    source, binary = sys.argv[1], sys.argv[2]
    with open(f"{source}/emulator/techpass-emulator.1", encoding="utf-8") as f:
        page = roff_text(f.read())
    missing = []

    help_text = subprocess.run([binary, "--help"], capture_output=True, text=True, check=True).stdout
    options = sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", help_text)))
    for option in options:
        if option not in page:
            missing.append(f"option {option}")

    routes = []
    for name in ("controls.cpp", "controls_operator.cpp"):
        with open(f"{source}/emulator/src/{name}", encoding="utf-8") as f:
            routes += re.findall(r'router\.add\("([A-Z]+)",\s*"(/_emulator/[^"]+)"', f.read())
    for method, path in routes:
        # {requestId} reads ID in the page, {table} TABLE; .../reject follows approve.
        shown = re.sub(r"\{requestId\}", "ID", path)
        shown = re.sub(r"\{table\}", "TABLE", shown)
        if path.endswith("/reject"):
            shown = ".../reject"
        described = [line for line in page.splitlines() if shown in line]
        if not described:
            missing.append(f"test control {method} {path}")
        elif not any(method in line or "/reject" in shown for line in described):
            missing.append(f"method {method} of {path}")

    with open(f"{source}/emulator/src/traffic.hpp", encoding="utf-8") as f:
        kinds = re.search(r"k_fault_kinds = \{([^}]*)\}", f.read()).group(1)
    for kind in re.findall(r'"([^"]+)"', kinds):
        if not re.search(r"^\.BR? " + re.escape(kind) + r"\b", page, re.M):
            missing.append(f"fault kind {kind}")

    with open(f"{source}/emulator/src/controls.cpp", encoding="utf-8") as f:
        tables = re.search(r"k_state_tables = \{([^}]*)\}", f.read()).group(1)
    for table in re.findall(r'"([^"]+)"', tables):
        if not re.search(r"(^|[\s,])" + re.escape(table) + r"[,\s]", page, re.M):
            missing.append(f"state table {table}")

    checked = len(options) + len(routes)
    for item in missing:
        print(f"techpass-emulator(1) does not describe {item}", file=sys.stderr)
    print(f"{len(options)} options, {len(routes)} test controls checked; {len(missing)} missing")
    if len(options) < 8 or len(routes) < 15:
        print("too few options or routes found: the check is broken", file=sys.stderr)
        return 1
    return 1 if missing or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
