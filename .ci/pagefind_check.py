#!/usr/bin/env python3
"""Real searches with the pagefind.js of a bundle `billet export --format
pagefind` wrote for our corpus/, in headless Chromium.

    pagefind_check.py BUNDLE OUT

BUNDLE: the bundle folder; OUT: the analysis it was built from (its
articles.jsonl is the truth the filters are checked against). Checks:
- the bundle is complete: pagefind.js, its worker, the French WebAssembly,
  pagefind-entry.json listing French pages, index, fragment, filter chunks;
- French queries with and without accents, in capitals or inflected, find
  the posts that hold the word (the composter series for « épluchures »…);
- filters narrow: tags, series and question forms give exactly the posts
  whose article JSON has that tag, series or form;
- every hit carries its meta: id, title, url, date, author, series, part.
Prints each query with its hits; exit 1 on the first broken expectation.
"""
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "scripts"))
from pagefind_browser import run_page  # noqa: E402

PAGE = """<!doctype html><html lang="fr"><meta charset="utf-8"><title>check</title>
<script type="module">
const post = (body) => fetch("/__results__", {method: "POST", body: JSON.stringify(body)});
try {
  const payload = await (await fetch("/__payload__.json")).json();
  const pf = await import("/pagefind/pagefind.js");
  await pf.options({excerptLength: 20});
  await pf.init();
  const results = [];
  for (const q of payload.queries) {
    const search = await pf.search(q.term, q.filters ? {filters: q.filters} : {});
    const data = await Promise.all(search.results.map((r) => r.data()));
    results.push({name: q.name, hits: data.map((d) => ({url: d.url, meta: d.meta,
      filters: d.filters, excerpt: d.excerpt}))});
  }
  await post({ok: true, filters: await pf.filters(), results});
} catch (e) {
  await post({ok: false, error: String(e && e.stack || e)});
}
</script></html>
"""

COMPOST = {
    "carnet-2023-composter-en-appartement-1",
    "carnet-2024-composter-en-appartement-2",
    "carnet-2024-composter-en-appartement-3",
}


def fail(msg):
    sys.exit(f"pagefind_check: FAILED: {msg}")


def main():
    bundle, out = sys.argv[1], sys.argv[2]
    for name in ("pagefind.js", "pagefind-worker.js", "wasm.fr.pagefind",
                 "pagefind-entry.json", "index", "fragment", "filter", "pagefind-ui.js"):
        if not os.path.exists(os.path.join(bundle, name)):
            fail(f"{bundle}: no {name}")
    with open(os.path.join(bundle, "pagefind-entry.json"), encoding="utf-8") as f:
        entry = json.load(f)
    with open(os.path.join(out, "articles.jsonl"), encoding="utf-8") as f:
        articles = {a["id"]: a for a in map(json.loads, f.read().split("\n")[:-1])}
    if list(entry["languages"]) != ["fr"] or entry["languages"]["fr"]["page_count"] != len(articles):
        fail(f"pagefind-entry.json: {entry['languages']}, expected {len(articles)} French pages")
    fragments = os.listdir(os.path.join(bundle, "fragment"))
    if len(fragments) != len(articles):
        fail(f"{len(fragments)} fragments for {len(articles)} pages: an old bundle mixed in?")

    def having(pred):
        return {i for i, a in articles.items() if pred(a)}

    tag = "association"
    form = "pourquoi"
    series = articles["carnet-2023-composter-en-appartement-1"]["series"]["name"]
    queries = [
        ("épluchures", "épluchures", None),
        ("epluchures", "epluchures", None),
        ("ÉPLUCHURES", "ÉPLUCHURES", None),
        ("télétravail", "télétravail", None),
        ("teletravail", "teletravail", None),
        ("bénévoles", "bénévoles", None),
        ("benevoles", "benevoles", None),
        ("légume", "légume", None),
        ("bénévoles + tag", "bénévoles", {"tags": tag}),
        ("tag only", None, {"tags": tag}),
        ("series", None, {"series": series}),
        ("form", None, {"question_forms": form}),
    ]
    payload = {"queries": [{"name": n, "term": t, "filters": f} for n, t, f in queries]}
    with tempfile.TemporaryDirectory() as root:
        os.symlink(os.path.abspath(bundle), os.path.join(root, "pagefind"))
        result = run_page(root, PAGE, payload, timeout=90)
    if not result.get("ok"):
        fail(f"the page failed: {result.get('error')}")
    hits = {}
    for r in result["results"]:
        ids = [h["meta"].get("id") for h in r["hits"]]
        hits[r["name"]] = ids
        print(f"  {r['name']!r:22} → {len(ids)}: {', '.join(ids[:6])}"
              + (" …" if len(ids) > 6 else ""), file=sys.stderr)
        for h in r["hits"]:
            a = articles.get(h["meta"].get("id"))
            if a is None:
                fail(f"{r['name']}: a hit with no article id: {h['meta']}")
            meta = h["meta"]
            want = {"title": a["title"] or a["id"], "url": h["url"]}
            if a["date"]:
                want["date"] = a["date"]
            if a["author"]:
                want["author"] = a["author"]
            if a["series"]:
                want["series"] = a["series"]["name"]
                want["part"] = str(a["series"]["part"])
            for k, v in want.items():
                if meta.get(k) != v:
                    fail(f"{r['name']}: {a['id']}: meta {k} = {meta.get(k)!r}, expected {v!r}")

    def same(a, b):
        if set(hits[a]) != set(hits[b]):
            fail(f"{a!r} and {b!r} differ: {hits[a]} / {hits[b]}")

    if set(hits["épluchures"]) != COMPOST:
        fail(f"épluchures: {hits['épluchures']}, expected the composter series {sorted(COMPOST)}")
    same("épluchures", "epluchures")
    same("épluchures", "ÉPLUCHURES")
    for q in ("télétravail", "teletravail"):
        if not hits[q] or hits[q][0] != "carnet-2024-teletravail":
            fail(f"{q}: first hit {hits[q][:1]}, expected carnet-2024-teletravail")
    same("télétravail", "teletravail")
    same("bénévoles", "benevoles")
    if "carnet-2024-benevolat-associatif" not in hits["bénévoles"]:
        fail("bénévoles: carnet-2024-benevolat-associatif not found")
    if "carnet-2023-legumes-d-hiver" not in hits["légume"]:
        fail("légume (singular): carnet-2023-legumes-d-hiver (« légumes ») not found")

    tagged = having(lambda a: tag in a["tags"])
    narrowed = set(hits["bénévoles + tag"])
    if not narrowed or not narrowed < set(hits["bénévoles"]) or not narrowed <= tagged:
        fail(f"tag filter: {sorted(narrowed)} should be a non-empty strict subset of "
             f"{sorted(hits['bénévoles'])} within the posts tagged {tag!r} {sorted(tagged)}")
    if set(hits["tag only"]) != tagged:
        fail(f"filter tags={tag!r}: {sorted(hits['tag only'])}, expected {sorted(tagged)}")
    in_series = having(lambda a: a["series"] and a["series"]["name"] == series)
    if set(hits["series"]) != in_series:
        fail(f"filter series: {sorted(hits['series'])}, expected {sorted(in_series)}")
    with_form = having(lambda a: a["questions"]["forms"].get(form, 0) > 0)
    if set(hits["form"]) != with_form:
        fail(f"filter question_forms={form}: {sorted(hits['form'])}, expected {sorted(with_form)}")
    filters = result["filters"]
    for name in ("tags", "series", "question_forms"):
        if not filters.get(name):
            fail(f"pagefind.filters() has no {name!r}: {sorted(filters)}")
    print(f"pagefind_check: {len(queries)} searches in Chromium as expected; filters "
          f"{', '.join(sorted(filters))}", file=sys.stderr)


if __name__ == "__main__":
    main()
