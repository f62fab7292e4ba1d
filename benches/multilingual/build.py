#!/usr/bin/env python3
"""Builds the multilingual evaluation set (Chinese and Japanese) from Debian
packages; see README.md. Standard library, groff and apt-get only.

  python3 benches/multilingual/build.py --data DIR

writes DIR/corpus.jsonl ({"id", "text"}), DIR/generated.tsv (the pairs this
script made: a page and its edited copy) and DIR/versions.review.tsv (the
same-title section pairs of two manual releases, with a character diff
ratio, for labelling by hand: labels.tsv).
"""
import argparse, html, json, random, re, subprocess, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import is_unspaced_char, render_man  # noqa: E402

PACKAGES = [
    "manpages-zh", "manpages-ja",
    "debian-edu-doc-zh-cn", "debian-edu-doc-ja",
    # for ratio.py
    "debian-edu-doc-en",
]
# Debian 12 versions these labels were made on (apt-get download takes the
# candidate; a different one prints a warning).
PINNED = {"manpages-zh": "1.6.4.0-1", "manpages-ja": "0.5.0.0.20221215+dfsg-1",
          "debian-edu-doc-zh-cn": "2.12.23~deb12u1", "debian-edu-doc-ja": "2.12.23~deb12u1"}
PAGES_PER_LANG = 60
SEED = 13


def fetch(data):
    debs = data / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    for p in PACKAGES:
        if not list(debs.glob(f"{p}_*.deb")):
            subprocess.run(["apt-get", "download", p], cwd=debs, check=True)
        deb = next(debs.glob(f"{p}_*.deb"))
        if p in PINNED and f"_{PINNED[p].replace(':', '%3a')}_" not in deb.name:
            print(f"warning: {deb.name} is not the labelled version {PINNED[p]}", file=sys.stderr)
        out = data / "x" / p
        if not out.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["dpkg-deb", "-x", str(deb), str(out)], check=True)


def unspaced_share(text):
    letters = [c for c in text if c.isalnum()]
    return sum(map(is_unspaced_char, letters)) / max(1, len(letters))


def block_text(fragment):
    """HTML to text: block elements end paragraphs."""
    t = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", fragment)
    t = re.sub(r"(?i)<(/p|/pre|/li|/dt|/dd|/tr|br ?/?|/h\d|/div|/title)>", "\n\n", t)
    t = html.unescape(re.sub(r"<[^>]+>", "", t))
    paras = [re.sub(r"[ \t\r\f\v]+", " ", p).strip() for p in re.split(r"\n\s*\n", t)]
    return "\n\n".join(p for p in paras if p)


def sections(path):
    """(title, text) for each h2/h3 section of a DocBook HTML manual."""
    doc = path.read_text("utf-8")
    heads = list(re.finditer(r'(?s)<h([23]) class="title"[^>]*>(.*?)</h\1>', doc))
    out = []
    for k, m in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(doc)
        title = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))).strip()
        out.append((title, block_text(doc[m.end():end])))
    return out


def title_key(title):
    """A section title without its number and release name."""
    t = re.sub(r"^[\d.]+\s*", "", title)
    t = re.sub(r"(?i)bullseye|bookworm|\b1[12]\b", "", t)
    return re.sub(r"\s+", " ", t).strip()


def edit(text, rng, others):
    """A near-duplicate of `text`: one of four edits a copier makes."""
    paras = text.split("\n\n")
    kind = rng.choice(["cut", "reorder", "typos", "insert"])
    if kind == "cut" and len(paras) >= 4:
        n = len(paras)
        keep = max(2, int(n * rng.uniform(0.6, 0.85)))
        start = rng.randrange(0, n - keep + 1)
        paras = paras[start:start + keep]
    elif kind == "reorder" and len(paras) >= 4:
        a, b = sorted(rng.sample(range(len(paras)), 2))
        paras[a], paras[b] = paras[b], paras[a]
    elif kind == "insert":
        other = rng.choice(others).split("\n\n")
        paras.insert(rng.randrange(len(paras) + 1), rng.choice(other))
    else:
        kind = "typos"
        chars = list(text)
        idx = [i for i, c in enumerate(chars) if is_unspaced_char(c)]
        for i in rng.sample(idx, max(1, len(idx) // 50)):  # 2% of the characters
            chars[i] = rng.choice(["", chars[i] * 2, "的", "の", "，"])
        return "".join(chars), kind
    return "\n\n".join(paras), kind


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True)
    a = ap.parse_args()
    data = a.data
    fetch(data)
    x = data / "x"
    docs, generated, review = [], [], []

    # 1. Two releases of the Debian Edu manual, section by section.
    for lang, pkg in [("zh", "debian-edu-doc-zh-cn"), ("ja", "debian-edu-doc-ja")]:
        d = x / pkg / "usr/share/doc" / pkg
        by_release = {}
        for rel in ["bullseye", "bookworm"]:
            seen = {}
            for title, text in sections(d / f"debian-edu-{rel}-manual.html"):
                if sum(map(is_unspaced_char, text)) < 60 or unspaced_share(text) < 0.5:
                    continue
                key = title_key(title)
                if key in seen:  # a repeated title: keep the first
                    continue
                seen[key] = f"edu-{lang}-{rel}-{len(seen):03d}"
                docs.append({"id": seen[key], "text": text})
            by_release[rel] = seen
        import difflib
        texts = {doc["id"]: doc["text"] for doc in docs}
        for key, old in by_release["bullseye"].items():
            new = by_release["bookworm"].get(key)
            if new:
                r = difflib.SequenceMatcher(None, texts[old], texts[new], autojunk=False).ratio()
                review.append((old, new, f"{r:.3f}", key))

    # 2. Man pages and an edited copy of each.
    rng = random.Random(SEED)
    for lang, mandir in [("zh", x / "manpages-zh/usr/share/man/zh_CN"), ("ja", x / "manpages-ja/usr/share/man/ja")]:
        pages = []
        for p in sorted(mandir.glob("man[1-8]/*.gz")):
            if p.is_symlink():
                continue
            t = render_man(p)
            if 1500 <= len(t) <= 30000 and unspaced_share(t) >= 0.5:
                pages.append((f"man-{lang}-{p.parent.name}-{p.name[:-3]}", t))
        chosen = rng.sample(pages, min(PAGES_PER_LANG, len(pages)))
        chosen.sort()
        texts = [t for _, t in chosen]
        for pid, t in chosen:
            docs.append({"id": pid, "text": t})
            if rng.random() < 0.5:  # half the pages get a copy; the others are negatives only
                copy, kind = edit(t, rng, [o for o in texts if o is not t])
                docs.append({"id": f"{pid}~{kind}", "text": copy})
                generated.append((pid, f"{pid}~{kind}", kind))

    with open(data / "corpus.jsonl", "w", encoding="utf-8") as f:
        for doc in docs:
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    with open(data / "generated.tsv", "w") as f:
        f.write("a\tb\tedit\n")
        for row in generated:
            f.write("\t".join(row) + "\n")
    with open(data / "versions.review.tsv", "w") as f:
        f.write("bullseye\tbookworm\tdifflib_ratio\ttitle\n")
        for row in review:
            f.write("\t".join(row) + "\n")
    print(f"{len(docs)} documents, {len(generated)} generated pairs, "
          f"{len(review)} same-title section pairs to label", file=sys.stderr)


if __name__ == "__main__":
    main()
