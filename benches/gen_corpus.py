#!/usr/bin/env python3
"""Writes a large, varied French corpus for end-to-end measurements.

Only billet's own bundled corpus (corpus/) is used as seed text: its
paragraphs are shuffled into new posts of realistic sizes (log-normal,
median about 4 KB), with new titles, front matter on half of them, series
of 2 to 5 parts, teaser blocks, a footer line repeated by "site", question
lists at the end of some posts, and occasional CRLF line ends.

    python3 benches/gen_corpus.py OUT_DIR SIZE_MB [--seed N]

The same seed and size always give the same files.
"""

import argparse
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "corpus")

SITES = [
    "Carnet des Jours Ordinaires",
    "Le Potager Urbain",
    "Notes de Vélo",
    "La Cuisine de Saison",
    "Chroniques d'Équipe",
    "Le Blog du Quartier",
]

QUESTIONS = [
    "Et vous, comment faites-vous ?",
    "Qu’en pensez-vous ?",
    "Avez-vous déjà essayé ?",
    "Pourquoi ne pas commencer demain ?",
    "Quel est votre meilleur conseil ?",
    "Combien de temps y consacrez-vous ?",
    "Est-ce que cela vous parle ?",
    "Où trouvez-vous l’inspiration ?",
]

MARKERS = ["partie {n}", "({n}/{total})", "Partie {n}", "épisode {n}"]


def seed_paragraphs():
    """Body paragraphs of the bundled posts, without titles, front matter,
    teasers or footers."""
    paragraphs, words = [], []
    for root, _, files in os.walk(CORPUS):
        for name in sorted(files):
            if not name.endswith((".txt", ".md")):
                continue
            with open(os.path.join(root, name), encoding="utf-8-sig") as f:
                # One bundled post is NFD on purpose; mixed into every
                # generated post it would make all of them NFD.
                text = unicodedata.normalize("NFC", f.read().replace("\r\n", "\n"))
            text = re.sub(r"\A(---|\+\+\+)\n.*?\n\1\n", "", text, flags=re.S)
            text = text.split("Articles récents")[0]
            for block in text.split("\n\n")[1:]:
                block = block.strip()
                if len(block) > 120 and not block.startswith(("```", "©", "#")):
                    paragraphs.append(block)
                    words.extend(w for w in re.findall(r"\w+", block) if len(w) > 5)
    if not paragraphs:
        sys.exit("no seed text found in corpus/")
    return paragraphs, sorted(set(words))


def title(rng, words):
    n = rng.randint(3, 7)
    t = " ".join(rng.choice(words) for _ in range(n))
    return t[0].upper() + t[1:]


def post_body(rng, paragraphs, target):
    out, size = [], 0
    while size < target:
        p = rng.choice(paragraphs)
        out.append(p)
        size += len(p.encode()) + 2
    return out


def write_post(path, title_line, body, rng, site, teasers, front_matter):
    lines = []
    if front_matter:
        lines += ["---", f'title: "{title_line}"',
                  f"date: 20{rng.randint(10, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                  f"author: Auteur {rng.randint(1, 40)}",
                  f"tags: [{', '.join(rng.sample(['jardin', 'vélo', 'cuisine', 'équipe', 'lecture', 'budget'], 2))}]",
                  "---", ""]
    else:
        lines += [title_line, ""]
    lines += [p + "\n" for p in body]
    if rng.random() < 0.3:
        lines += ["• " + q for q in rng.sample(QUESTIONS, 4)] + [""]
    if not front_matter:
        lines += [f"Par Auteur {rng.randint(1, 40)}", ""]
    lines += [f"Vous avez aimé ce billet ? Partagez-le avec vos proches !", ""]
    if teasers and not front_matter:
        lines += ["Articles récents :", ""]
        for t in teasers:
            lines += [t, "", "Un extrait de quelques mots pour donner envie.", "", "Plus d'info", ""]
    lines += [f"© 2024 {site} — reproduction interdite sans autorisation.", ""]
    text = "\n".join(lines)
    if rng.random() < 0.05:
        text = text.replace("\n", "\r\n")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return len(text.encode())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("size_mb", type=float)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    paragraphs, words = seed_paragraphs()
    budget = int(args.size_mb * 1_000_000)
    written, n, recent = 0, 0, []
    while written < budget:
        site = rng.choice(SITES)
        folder = os.path.join(args.out, site.lower().replace(" ", "-").replace("'", ""),
                              str(n // 1000))
        os.makedirs(folder, exist_ok=True)
        series = rng.random() < 0.08
        parts = rng.randint(2, 5) if series else 1
        base = title(rng, words)
        marker = rng.choice(MARKERS)
        for k in range(1, parts + 1):
            t = f"{base}, {marker.format(n=k, total=parts)}" if series else base
            target = int(min(60_000, max(800, rng.lognormvariate(8.3, 0.6))))
            body = post_body(rng, paragraphs, target)
            if series and k < parts:
                body.append("La suite au prochain billet !")
            fm = rng.random() < 0.5
            ext = ".md" if fm else ".txt"
            teasers = rng.sample(recent, min(3, len(recent))) if recent else []
            written += write_post(os.path.join(folder, f"billet-{n:07d}{ext}"), t, body,
                                  rng, site, teasers, fm)
            recent = (recent + [t])[-50:]
            n += 1
    print(f"{n} posts, {written / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
