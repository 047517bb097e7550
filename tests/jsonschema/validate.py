"""Validates JSON files against a JSON Schema with the jsonschema package, as editors do,
and prints each file's errors as JSON: {"FILE": ["MESSAGE at PATH", ...], ...}.

Usage: validate.py SCHEMA FILE...
"""

import json
import sys

import jsonschema


def main():
    with open(sys.argv[1], encoding="utf-8") as text:
        schema = json.load(text)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    found = {}
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as text:
            document = json.load(text)
        found[path] = sorted(
            f"{error.message} at /{'/'.join(map(str, error.absolute_path))}"
            for error in validator.iter_errors(document)
        )
    json.dump(found, sys.stdout)


main()
