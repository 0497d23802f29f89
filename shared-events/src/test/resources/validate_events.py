#!/usr/bin/env python3
"""Validates events against the shipped JSON Schemas with python-jsonschema, a second validator.

Usage: validate_events.py SCHEMA_DIR EVENTS_FILE

SCHEMA_DIR holds the *.schema.json files; each is registered under its "$id" (a urn:), so every
"$ref" resolves from the files alone, with no network access. EVENTS_FILE is a JSON array of
events (whole CloudEvents, envelope + data). Each event is checked against the schema its
"dataschema" names, with format assertions on.

Prints one JSON object per event and line, in input order:
  {"index": 0, "type": "ShelterRegistered", "errors": ["$.data.state: ..."]}
An empty "errors" list means valid. Exits 0 when every event could be checked (valid or not),
2 when a schema cannot be loaded or a reference cannot be resolved.

Works with jsonschema 4.10 (Debian bookworm's python3-jsonschema: RefResolver with a store) and
with 4.18+ (the referencing library's Registry, where RefResolver is deprecated).
"""
import json
import pathlib
import sys

import jsonschema

try:
    from referencing import Registry, Resource
except ImportError:  # jsonschema < 4.18
    Registry = None

VALIDATOR = jsonschema.Draft202012Validator


def load_schemas(schema_dir):
    schemas = {}
    for path in sorted(pathlib.Path(schema_dir).glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        VALIDATOR.check_schema(schema)
        schemas[schema["$id"]] = schema
    return schemas


def validator_factory(schemas):
    checker = VALIDATOR.FORMAT_CHECKER
    if Registry is not None:
        registry = Registry().with_resources(
            (schema_id, Resource.from_contents(schema)) for schema_id, schema in schemas.items())
        return lambda schema: VALIDATOR(schema, registry=registry, format_checker=checker)

    def with_resolver(schema):
        resolver = jsonschema.RefResolver(base_uri=schema["$id"], referrer=schema, store=dict(schemas))
        return VALIDATOR(schema, resolver=resolver, format_checker=checker)

    return with_resolver


def path_of(error):
    path = "$"
    for part in error.absolute_path:
        path += "[%d]" % part if isinstance(part, int) else "." + part
    return path


def main(schema_dir, events_file):
    schemas = load_schemas(schema_dir)
    validator_for = validator_factory(schemas)
    events = json.loads(pathlib.Path(events_file).read_text(encoding="utf-8"))
    for index, event in enumerate(events):
        schema_id = event.get("dataschema")
        if schema_id not in schemas:
            errors = ["$.dataschema: no schema with $id %r" % schema_id]
        else:
            errors = sorted("%s: %s" % (path_of(e), e.message)
                            for e in validator_for(schemas[schema_id]).iter_errors(event))
        print(json.dumps({"index": index, "type": event.get("type"), "errors": errors}))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    try:
        sys.exit(main(sys.argv[1], sys.argv[2]))
    except Exception as broken:  # a schema that is not valid, or a $ref that does not resolve
        print("schema error: %s: %s" % (type(broken).__name__, broken), file=sys.stderr)
        sys.exit(2)
