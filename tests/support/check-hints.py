#!/usr/bin/env python3
"""Every techpass command line that techpass itself shows must work.

Hints ("run: techpass profile add NAME --api-url VALUE"), help examples and
fix-it lines live in string literals all over lib/ and cli/. This check reads
every string literal there (adjacent literals joined, as the compiler does),
finds each "techpass WORD ..." in it (and in the code blocks of the READMEs), and asks the real binary, through
`--help`, whether the command path exists and whether each flag written after
it is one that command accepts. A hint with `--api_url` (a key, not a flag)
or a renamed command fails here.

Usage: check-hints.py SOURCE_DIR TECHPASS
"""

import os
import re
import subprocess
import sys

MIN_SNIPPETS = 250  # fewer means the scan broke, not that all is well


def literals(text):
    """The string literals of C++ source, adjacent ones joined."""
    out, i, n = [], 0, len(text)
    current, last_end = None, -1
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            i = text.find("*/", i + 2)
            i = n if i < 0 else i + 2
        elif c == "'":
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
        elif c == "R" and text.startswith('R"', i):
            delim = text[i + 2 : text.index("(", i)]
            end = text.index(")" + delim + '"', i)
            i = end + len(delim) + 2
        elif c == '"':
            j, chars = i + 1, []
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    chars.append({"n": "\n", "t": "\t"}.get(text[j + 1], text[j + 1]))
                    j += 2
                else:
                    chars.append(text[j])
                    j += 1
            value = "".join(chars)
            between = text[last_end:i] if last_end >= 0 else "x"
            if current is not None and between.strip() == "":
                current += value
            else:
                if current is not None:
                    out.append(current)
                current = value
            last_end = j + 1
            i = j + 1
        else:
            if current is not None and not c.isspace():
                out.append(current)
                current = None
            i += 1
    if current is not None:
        out.append(current)
    return out


SNIPPET = re.compile(r"(?<![\w/.-])techpass((?: [^ ,;'\"\n()|`]+)+)")


class Tree:
    def __init__(self, binary):
        self.binary = binary
        self.cache = {}

    def help(self, path):
        if path not in self.cache:
            run = subprocess.run(
                [self.binary, *path, "--help"],
                capture_output=True,
                text=True,
                env={**os.environ, "HOME": "/nonexistent", "XDG_CONFIG_HOME": "/nonexistent"},
            )
            self.cache[path] = run.stdout if run.returncode == 0 else None
        return self.cache[path]

    def children(self, path):
        text = self.help(path) or ""
        section = re.search(r"\nCommands:\n((?:  .*\n|\s{10,}.*\n)+)", text)
        if not section:
            return set()
        return set(re.findall(r"^  ([a-z][a-z0-9-]*)", section.group(1), re.M))

    def flags(self, path):
        """The flags its help lists (its own and the global ones), not its examples."""
        text = (self.help(path) or "").split("\nExamples:\n")[0]
        found = {"--help", "-h"}
        for line in text.splitlines():
            if re.match(r"^\s{2,6}-", line):
                label = re.split(r"(?<=\S)\s{2,}", line.strip(), maxsplit=1)[0]
                found.update(re.findall(r"(?<![\w-])--?[A-Za-z0-9][A-Za-z0-9-]*", label))
        return found

    def needs_command(self, path):
        text = self.help(path) or ""
        return re.search(r"Usage:\n  techpass.* <command>", text) is not None


def check(snippet, tree):
    """Problems with one command line, [] when it works."""
    words = snippet.split()
    if not words or words[0] not in tree.children(()):
        return []  # prose such as "techpass and the portal ..."
    path = ()
    at = 0
    while at < len(words) and words[at] in tree.children(path):
        path += (words[at],)
        at += 1
    problems = []
    if tree.help(path) is None:
        return [f"'techpass {' '.join(path)} --help' fails"]
    rest = words[at:]
    if tree.needs_command(path) and rest and re.fullmatch(r"[a-z][a-z0-9-]*", rest[0]):
        problems.append(f"'{rest[0]}' is not a command of 'techpass {' '.join(path)}'")
    help_text = tree.help(path)
    for word in rest:
        if not word.startswith("-") or "{" in word or word in ("-", "--"):
            continue
        flag = word.split("=", 1)[0]
        if not re.fullmatch(r"--?[A-Za-z][A-Za-z0-9_-]*", flag):
            continue
        if flag not in tree.flags(path):
            problems.append(f"'techpass {' '.join(path)}' has no flag {flag}")
    return problems


def self_test(tree):
    """The check must catch what it is for."""
    bad = [
        "profile add NAME --api_url VALUE",
        "grups list",
        "groups lst",
        "groups list --limt 3",
        "namespaces admins add USER --frob",
    ]
    good = [
        "profile add NAME --api-url VALUE",
        "groups members add ship:billing mei@tech.gov.sg -n SHIP",
        "apps update APP --add-redirect-url http://localhost:8400/callback",
    ]
    failed = False
    for snippet in bad:
        # "grups" is prose to the scan (not a command), so check it directly.
        found = check(snippet, tree) or (snippet.split()[0] not in tree.children(()))
        if not found:
            print(f"self-test: '{snippet}' was not caught", file=sys.stderr)
            failed = True
    for snippet in good:
        if check(snippet, tree):
            print(f"self-test: '{snippet}' was refused: {check(snippet, tree)}", file=sys.stderr)
            failed = True
    return not failed


def main():
    source, binary = sys.argv[1], sys.argv[2]
    tree = Tree(binary)
    if not self_test(tree):
        return 1
    count, failures = 0, []
    for top in ("lib", "cli"):
        for root, _, files in os.walk(os.path.join(source, top)):
            for name in sorted(files):
                if not name.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                for literal in literals(text):
                    for match in SNIPPET.finditer(literal):
                        if literal[max(0, match.start() - 2) : match.start()] == "# ":
                            continue  # a comment in a file techpass writes
                        snippet = match.group(1).strip()
                        problems = check(snippet, tree)
                        if snippet.split() and snippet.split()[0] in tree.children(()):
                            count += 1
                        for problem in problems:
                            rel = os.path.relpath(path, source)
                            failures.append(f"{rel}: \"techpass {snippet}\": {problem}")
    # The command lines in the code blocks of the READMEs. Here an unknown
    # first word is a mistake, not prose.
    for doc in ("README.md", "examples/README.md", "docs/api/README.md"):
        path = os.path.join(source, doc)
        if not os.path.isfile(path):
            continue
        fenced = False
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if line.startswith("```"):
                    fenced = not fenced
                    continue
                pattern = (r"(?:^|\$ |[;&|(]\s*)techpass((?: [^ ;&|)#\n]+)+)" if fenced
                           else r"`techpass((?: [^ `]+)+)`")  # an inline code span
                for match in re.finditer(pattern, line):
                    snippet = match.group(1).strip()
                    words = snippet.split()
                    count += 1
                    if words and words[0] not in tree.children(()) and not words[0].startswith("-"):
                        failures.append(f"{doc}:{number}: \"techpass {snippet}\": "
                                        f"'{words[0]}' is not a command of techpass")
                        continue
                    for problem in check(snippet, tree):
                        failures.append(f"{doc}:{number}: \"techpass {snippet}\": {problem}")
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{count} command lines checked, {len(failures)} wrong")
    if count < MIN_SNIPPETS:
        print(f"only {count} command lines found: the scan is broken", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
