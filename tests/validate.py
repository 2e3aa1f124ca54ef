#!/usr/bin/python3
"""validate.py SCHEMA DOC... - checks JSON documents against a JSON Schema
(draft 4 or 7, as the schema says). Prints one line per failing document
and exits 1 if any fails. Needs Debian's python3-jsonschema."""
import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1]))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    bad = 0
    for path in sys.argv[2:]:
        errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
        if errors:
            bad += 1
            e = errors[0]
            print(f"{path}: {e.message} at {'/'.join(map(str, e.path))}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
