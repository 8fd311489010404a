#!/usr/bin/env python3
"""The README's tours are run, and their output must be what the README shows.

A tour is one or more ```console blocks, each right after a line
`<!-- tour: NAME -->`. Lines starting with `$ ` are commands; the lines after
a command, up to the next one, are what it prints (lines starting with `> `
continue the command, as a here-document does at a shell's PS2 prompt) (stdout and stderr, as a
terminal shows them). Blocks of one NAME are one session: a fresh emulator
seeded with examples/seed.toml, a scratch directory holding a copy of
examples/, and the environment a reader would have after the README's
Configuration section (TECHPASS_CONFIG names a profile `ship` for the seeded
automation app; its secrets come from the environment); the tour named `ci`
has no config file, only the TECHPASS_* variables a pipeline would set.

A command whose output holds prompts (lines starting with `? `, the prompt
ending at its first `: `) ran at a terminal: it is run on a pseudo-terminal
(80 columns) and each answer shown after a prompt is typed when that prompt
appears, so the block reads as the terminal did, answers echoed.

Values that differ from run to run (ids, times, ports, trace ids, durations)
are compared by shape, not by value; everything else must match line for line.

Usage: readme-tours.py SOURCE_DIR TECHPASS_DIR EMULATOR [--print NAME | --update]
       readme-tours.py --terminal ANSWERS_FILE COMMAND   (used by the tours)
  --print NAME runs a tour and prints its blocks as they should read;
  --update rewrites the tour blocks of README.md with what they print now
  (after a deliberate change of output; review the diff).
"""

import fcntl
import os
import pty
import re
import select
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import termios

MARKER = "@@tour-command-{}@@"

SETUP = r"""
techpass profile add ship --api-url "$TOUR_URL" --authority "$TOUR_URL" \
  --directory-id 5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11 \
  --client-id 3f6c1a52-8d4e-4b7a-9c21-5e0f7d9a1b34 --namespace SHIP --auth client_secret \
  --client-secret env:SHIP_CLIENT_SECRET --api-key env:SHIP_API_KEY --default >/dev/null 2>&1 ||
  echo "tour setup: techpass profile add failed"
"""

CI_SETUP = r"""
unset TECHPASS_CONFIG
export TECHPASS_API_URL="$TOUR_URL" TECHPASS_AUTHORITY="$TOUR_URL"
export TECHPASS_DIRECTORY_ID=5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11
export TECHPASS_CLIENT_ID=3f6c1a52-8d4e-4b7a-9c21-5e0f7d9a1b34
export TECHPASS_CLIENT_SECRET="$SHIP_CLIENT_SECRET" TECHPASS_API_KEY="$SHIP_API_KEY"
export TECHPASS_NAMESPACE=SHIP
"""

SHAPES = [
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?"), "<time>"),
    (re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?"), "<time>"),
    (re.compile(r"\d{4}-\d\d-\d\d"), "<date>"),
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:<port>"),
    (re.compile(r"\b\d+(\.\d+)? ?(ms|s)\b"), "<duration>"),
    (re.compile(r"\b[0-9a-f]{32}\b"), "<hex>"),
    (re.compile(r"/tmp/[^\s'\"]+"), "<tmp>"),
]


def shape(line):
    line = line.rstrip()
    for pattern, replacement in SHAPES:
        line = pattern.sub(replacement, line)
    return line


def tours(readme):
    """{name: [(block_start_line, [(command, [expected lines])])]}"""
    found = {}
    lines = readme.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"<!-- tour: ([a-z-]+) -->", lines[i])
        if m and i + 1 < len(lines) and lines[i + 1].startswith("```console"):
            start = i + 2
            j = start
            steps = []
            while j < len(lines) and not lines[j].startswith("```"):
                if lines[j].startswith("$ "):
                    steps.append((lines[j][2:], []))
                elif lines[j].startswith("> ") or lines[j] == ">":
                    # A continuation line (a here-document, PS2): part of the command.
                    command, output = steps[-1]
                    steps[-1] = (command + "\n" + lines[j][2:], output)
                elif steps:
                    steps[-1][1].append(lines[j])
                else:
                    raise SystemExit(f"README line {j + 1}: output before any command")
                j += 1
            found.setdefault(m.group(1), []).append((start, steps))
            i = j
        i += 1
    return found


def answers_of(expected):
    """The answers typed at the prompts of a command's expected output."""
    return [line.split(": ", 1)[1] if ": " in line else ""
            for line in expected if line.startswith("? ")]


def on_terminal(answers_file, command):
    """Runs command on a pseudo-terminal, typing each answer when a prompt
    ("? ...: ") is waiting; prints what the terminal showed; its exit status."""
    with open(answers_file, encoding="utf-8") as f:
        answers = f.read().splitlines()
    pid, fd = pty.fork()
    if pid == 0:
        # The size is set before the command starts, so it never sees 0 columns.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execv("/bin/bash", ["bash", "-c", command])
    shown = b""
    answered_at = 0
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            os.kill(pid, 9)
            shown += b"\n<timed out waiting at a prompt>\n"
            break
        try:
            data = os.read(fd, 4096)
        except OSError:  # EIO: the command ended and closed the terminal
            break
        if not data:
            break
        shown += data
        last = shown[answered_at:].decode("utf-8", "replace").rsplit("\n", 1)[-1]
        if answers and last.startswith("? ") and last.endswith(": "):
            answered_at = len(shown)
            os.write(fd, (answers.pop(0) + "\n").encode())
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(shown.decode("utf-8", "replace").replace("\r\n", "\n"))
    return os.waitstatus_to_exitcode(status)


def run_tour(name, blocks, source, techpass_dir, emulator):
    work = tempfile.mkdtemp(prefix=f"techpass-tour-{name}.")
    try:
        shutil.copytree(os.path.join(source, "examples"), os.path.join(work, "examples"))
        emu = subprocess.Popen(
            [emulator, "--port", "0", "--seed", os.path.join(source, "examples/seed.toml"),
             "--test-controls", "--quiet"],
            stdout=subprocess.PIPE, text=True)
        url = emu.stdout.readline().strip()
        try:
            # The pipeline tour has no config file: a CI job's variables.
            script = ["set +e", CI_SETUP if name == "ci" else SETUP]
            count = 0
            for _, steps in blocks:
                for command, expected in steps:
                    # The marker keeps $? of the command before it.
                    script.append(f"__status=$?; printf '%s\\n' '{MARKER.format(count)}'; "
                                  "(exit $__status)")
                    answers = answers_of(expected)
                    if answers:
                        answers_file = os.path.join(work, f".answers-{count}")
                        with open(answers_file, "w", encoding="utf-8") as f:
                            f.write("\n".join(answers) + "\n")
                        script.append(f"{shlex.quote(sys.executable)} "
                                      f"{shlex.quote(os.path.abspath(__file__))} --terminal "
                                      f"{shlex.quote(answers_file)} {shlex.quote(command)}")
                    else:
                        script.append(command)
                    count += 1
            env = {
                "PATH": f"{techpass_dir}:/usr/bin:/bin",
                "HOME": work,
                "TECHPASS_CONFIG": os.path.join(work, "config.toml"),
                "XDG_CACHE_HOME": os.path.join(work, "cache"),
                "SHIP_CLIENT_SECRET": "demo-secret-not-for-production",
                "SHIP_API_KEY": "demo-api-key-not-for-production",
                "TOUR_URL": url,
                "LANG": "C.UTF-8",
                "TERM": "dumb",
                "NO_COLOR": "1",
            }
            run = subprocess.run(["bash", "-c", "\n".join(script)], cwd=work, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 timeout=300)
        finally:
            emu.terminate()
            emu.wait(timeout=20)
        outputs = re.split(r"@@tour-command-\d+@@\n", run.stdout)[1:]
        return outputs
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--terminal":
        return on_terminal(sys.argv[2], sys.argv[3])
    source, techpass_dir, emulator = (os.path.abspath(x) for x in sys.argv[1:4])
    printing = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--print" else None
    readme_path = os.path.join(source, "README.md")
    with open(readme_path, encoding="utf-8") as f:
        readme = f.read()
    found = tours(readme)
    if len(sys.argv) > 4 and sys.argv[4] == "--update":
        # Rewrites each tour block of README.md with what its commands print now.
        lines = readme.splitlines()
        for name, blocks in found.items():
            outputs = run_tour(name, blocks, source, techpass_dir, emulator)
            n = 0
            for start, steps in blocks:
                text = []
                for command, _ in steps:
                    text += [("$ " + command.replace("\n", "\n> ")).replace("> \n", ">\n")]
                    text += outputs[n].rstrip("\n").split("\n") if outputs[n].strip() else []
                    n += 1
                end = start
                while not lines[end].startswith("```"):
                    end += 1
                block = [x.rstrip() for x in "\n".join(text).split("\n")]
                lines[start:end] = block
                # Later blocks shift by the change in length.
                shift = len(block) - (end - start)
                for other in found.values():
                    for k, (other_start, other_steps) in enumerate(other):
                        if other_start > start:
                            other[k] = (other_start + shift, other_steps)
        with open(readme_path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        return 0
    if printing:
        outputs = run_tour(printing, found[printing], source, techpass_dir, emulator)
        n = 0
        for _, steps in found[printing]:
            print("```console")
            for command, _ in steps:
                print("$ " + command.replace("\n", "\n> "))
                print(outputs[n], end="")
                n += 1
            print("```\n")
        return 0
    failures = 0
    commands = 0
    for name, blocks in found.items():
        outputs = run_tour(name, blocks, source, techpass_dir, emulator)
        n = 0
        for start, steps in blocks:
            for command, expected in steps:
                actual = outputs[n].splitlines() if n < len(outputs) else ["<not run>"]
                n += 1
                commands += 1
                want = [shape(x) for x in expected]
                got = [shape(x) for x in actual]
                while want and want[-1] == "":
                    want.pop()
                while got and got[-1] == "":
                    got.pop()
                if want != got:
                    failures += 1
                    print(f"README tour '{name}' (block at line {start}): $ {command}",
                          file=sys.stderr)
                    print("  README shows:", file=sys.stderr)
                    for x in expected:
                        print(f"    {x}", file=sys.stderr)
                    print("  it printed:", file=sys.stderr)
                    for x in actual:
                        print(f"    {x}", file=sys.stderr)
    print(f"{len(found)} tours, {commands} commands run, {failures} differ from the README")
    if not found or commands < 10:
        print("too few tour commands found in README.md: the check is broken", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
