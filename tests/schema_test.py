#!/usr/bin/env python3
"""The published data schema: every line that `extract --format json` and
`check --format json` print for every corpus input (and the real reports of
../shared/corpus-real when present) validates against
schema/report.schema.json (JSON Schema draft 2020-12), and names it.

usage: schema_test.py OGICHECK_BINARY REPO_ROOT
"""
import json
import os
import sys

import jsonschema

from testlib import Suite

binary, root = (os.path.abspath(p) for p in sys.argv[1:3])
suite = Suite("schema", binary, root)
run, check, skip = suite.run, suite.check, suite.skip

schema = json.load(open(os.path.join(root, "schema", "report.schema.json"), encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
version = schema["$id"]

inputs = sorted(os.path.join(root, d, n) for d in ("corpus/sample", "corpus/specimens", "corpus/pdf", "corpus/html", "corpus/docx")
                for n in os.listdir(os.path.join(root, d)) if os.path.splitext(n)[1] in (".txt", ".pdf", ".html", ".docx"))
real = os.path.join(root, "..", "shared", "corpus-real")
if os.path.isdir(real):  # its reports, in its subfolders too
    inputs += sorted(os.path.join(d, n) for d, _, names in os.walk(real) for n in names
                     if os.path.splitext(n)[1] in (".pdf", ".html", ".htm", ".shtml", ".docx", ".txt", ".md") and n != "MANIFEST.md")
else:
    skip("the real reports", "../shared/corpus-real absent")
check("inputs found", len(inputs) > 50, len(inputs))
corpus = [p for p in inputs if not p.startswith(real)]

# `check` prints what `extract` prints, and the findings: the real reports
# (the slow ones) once, through `check`.
for command, paths in (("extract", corpus), ("check", inputs)):
    r = run(command, "--format", "json", *paths)
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    check(f"{command}: one line per input", [x["source"] for x in lines] == paths, (len(lines), len(paths)))
    kinds = set()
    for line in lines:
        errors = list(validator.iter_errors(line))
        check(f"{command} {os.path.relpath(line['source'], root)}: valid", not errors,
              [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:3]])
        check(f"{command} {os.path.basename(line['source'])}: names the schema", line.get("schema") == version)
        kinds.add("unreadable" if "error" in line else "findings" if "findings" in line else "report")
    want = {"unreadable", "findings"} if command == "check" else {"unreadable", "report"}
    check(f"{command}: reports and unreadable inputs both validated", kinds == want, kinds)

# The schema is no rubber stamp: what it must refuse.
good = json.loads(run("check", "--format", "json", os.path.join(root, "corpus/specimens/ari01-unbalanced.txt")).stdout)
bad = {
    "an unknown field": {**good, "extra": 1},
    "no schema version": {k: v for k, v in good.items() if k != "schema"},
    "another version": {**good, "schema": "urn:ogicheck:schema:report:2"},
    "a severity not in the list": {**good, "findings": [{**good["findings"][0], "severity": "fatal"}]},
    "a cell without its text": {**good, "tables": [{**good["tables"][0], "cells": [
        {k: v for k, v in good["tables"][0]["cells"][0].items() if k != "text"}]}]},
    "an unreadable line without its code": {"schema": version, "source": "x.pdf", "error": "damaged"},
}
for name, line in bad.items():
    check(f"schema refuses {name}", not validator.is_valid(line))
sys.exit(suite.finish())
