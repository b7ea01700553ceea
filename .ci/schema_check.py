#!/usr/bin/env python3
"""Validates what `billet analyze` wrote against the shipped JSON Schemas,
with the `jsonschema` package (draft 2020-12, formats checked).

    schema_check.py SCHEMA_DIR OUT...

SCHEMA_DIR: the project's schema/ folder; each OUT: an analysis folder.
Checks, for each OUT: every articles/<id>.json and every line of
articles.jsonl against article.schema.json, corpus.json, series.json,
tags.json (when written) and every line of errors.jsonl against theirs;
corpus.json's format_version is the schemas' version. Then that the
schemas do refuse what they must: an article with a field more, with a
field less, with a number for its title. Exit 1 on the first failure.
"""
import copy
import glob
import json
import os
import sys

from jsonschema import Draft202012Validator


def fail(msg):
    sys.exit(f"schema_check: FAILED: {msg}")


def load_schemas(folder):
    schemas = {}
    for kind in ("article", "corpus", "series", "tags", "error"):
        path = os.path.join(folder, f"{kind}.schema.json")
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
        schemas[kind] = Draft202012Validator(
            schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    versions = {v.schema["$id"].split(":")[3] for v in schemas.values()}
    if len(versions) != 1:
        fail(f"the schemas disagree on the format version: {versions}")
    return schemas, versions.pop()


def check(validator, value, where):
    errors = sorted(validator.iter_errors(value), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        path = "/".join(map(str, e.path)) or "(top)"
        fail(f"{where}: {path}: {e.message}")


def json_lines(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            yield n, json.loads(line)


def check_out(schemas, version, out):
    counts = {}
    articles = sorted(glob.glob(os.path.join(out, "articles", "*.json")))
    for path in articles:
        with open(path, encoding="utf-8") as f:
            check(schemas["article"], json.load(f), path)
    counts["articles/*.json"] = len(articles)
    n = 0
    for n, article in json_lines(os.path.join(out, "articles.jsonl")):
        check(schemas["article"], article, f"articles.jsonl:{n}")
    counts["articles.jsonl lines"] = n
    if n != len(articles):
        fail(f"{out}: {n} lines in articles.jsonl, {len(articles)} article files")
    for kind, name in (("corpus", "corpus.json"), ("series", "series.json"),
                       ("tags", "tags.json")):
        path = os.path.join(out, name)
        if kind == "tags" and not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            value = json.load(f)
        check(schemas[kind], value, path)
        counts[name] = 1
        if kind == "corpus" and value["format_version"] != version:
            fail(f"{path}: format_version {value['format_version']}, schemas {version}")
    n = 0
    for n, line in json_lines(os.path.join(out, "errors.jsonl")):
        check(schemas["error"], line, f"errors.jsonl:{n}")
    counts["errors.jsonl lines"] = n
    return counts


def check_refusals(schemas, out):
    with open(os.path.join(out, "articles.jsonl"), encoding="utf-8") as f:
        article = json.loads(f.readline())
    bad = []
    more = copy.deepcopy(article)
    more["summary"] = "a field the contract does not have"
    bad.append(("a field more", more))
    less = copy.deepcopy(article)
    del less["questions"]
    bad.append(("a field less", less))
    typed = copy.deepcopy(article)
    typed["title"] = 42
    bad.append(("a number for a title", typed))
    nested = copy.deepcopy(article)
    nested["stats"]["words"] = -1
    bad.append(("a negative word count", nested))
    for what, value in bad:
        if schemas["article"].is_valid(value):
            fail(f"the article schema accepts {what}")


def main():
    schemas, version = load_schemas(sys.argv[1])
    for out in sys.argv[2:]:
        counts = check_out(schemas, version, out)
        print(f"schema_check: {out}: valid ({', '.join(f'{k} {v}' for k, v in counts.items())})",
              file=sys.stderr)
    check_refusals(schemas, sys.argv[2])
    print(f"schema_check: format {version}; the schemas refuse a field more, a field "
          "less, a wrong type, a negative count", file=sys.stderr)


if __name__ == "__main__":
    main()
