#!/usr/bin/env python3
"""Converts an OpenAPI document from YAML to JSON (for tests that read the spec).

Usage: openapi-to-json.py IN.yaml OUT.json
Exit status: 0 converted; 1 the file could not be read or parsed; 2 usage;
125 PyYAML (Debian: python3-yaml) is missing.

Dates stay strings: YAML 1.1 would turn an unquoted 2026-11-27 into a date,
which JSON has not; the spec means the text.
"""
import json
import sys

try:
    import yaml
except ImportError:
    print("SKIP: PyYAML is missing; install python3-yaml", file=sys.stderr)
    sys.exit(125)


class Loader(yaml.SafeLoader):
    pass


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main():
    if len(sys.argv) != 3:
        print("usage: openapi-to-json.py IN.yaml OUT.json", file=sys.stderr)
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8") as source:
            document = yaml.load(source, Loader=Loader)
        with open(sys.argv[2], "w", encoding="utf-8") as target:
            json.dump(document, target)
    except (OSError, yaml.YAMLError, TypeError, ValueError) as error:
        print(f"FAIL: cannot convert {sys.argv[1]}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
