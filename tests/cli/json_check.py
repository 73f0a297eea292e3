#!/usr/bin/env python3
"""json_check.py SCHEMA DEFINITION FILE: checks one --json output against a
definition of man/hostingctl.schema.json (e.g. "request"), and the
convention no schema can say for every key: no value is an empty string
(absent is null).  Prints what is wrong, one line each; exit 1 if anything."""
import json
import sys

from jsonschema import Draft202012Validator


def empty_strings(value, path="$"):
    if value == "":
        yield path
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from empty_strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from empty_strings(v, f"{path}[{i}]")


def main():
    schema_path, definition, file = sys.argv[1:4]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    with open(file, encoding="utf-8") as f:
        text = f.read()
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        print(f"{file}: not JSON: {e}")
        return 1
    if definition not in schema["$defs"]:
        print(f"no definition '{definition}' in {schema_path}")
        return 1
    wrapper = dict(schema)
    wrapper["$ref"] = f"#/$defs/{definition}"
    problems = [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
                for e in Draft202012Validator(wrapper).iter_errors(doc)]
    problems += [f"{p}: an empty string (absent values are null)" for p in empty_strings(doc)]
    for p in problems[:20]:
        print(f"{definition}: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
