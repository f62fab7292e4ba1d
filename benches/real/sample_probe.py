#!/usr/bin/env python3
"""How far is a small boilerplate sample's clustering from the full sample's?

  python3 benches/real/sample_probe.py --old /tmp/nd-base --new /tmp/nd-topup \\
      --corpus /work/realdata/docsites.jsonl [--out DIR] [--fractions 20 50] [--pages 60 80 120]

A probe without labels: the reference is the same binary's clustering with
a boilerplate sample that holds the whole corpus (`--df-sample-mb` above
its text), where every page of every site is sampled and each site's
chrome is learned from all its pages.  Against it, for each fraction F
(a sample of 1/F of the text):

* `old`: the binary before the site top-up (OLD), `--df-sample-mb T/F`;
* `new, top-up 0`: NEW with `--site-sample-pages 0` (should equal `old`
  byte for byte: checked and reported);
* `new, top-up`: NEW with its defaults (each site lends the sample its
  pages ranked up to `--site-sample-pages` by the sample hash).

(`--pages N ...` adds NEW with `--site-sample-pages N` at each fraction.)
For each run: the summary's boilerplate line (shingles, sampled documents,
pages the small sites added), clusters, the largest cluster, the
same-cluster pairs' precision/recall/F1 against the full sample's pairs,
the documents whose set of cluster partners is not the full run's
(`docs changed`: every member of a cluster that lost one page counts), and
the documents split off their full-run cluster (outside its largest piece)
or merged into another's (outside the largest full-run part of their
cluster here).

Per site, the sample is recomputed here (neardup's sample hash is xxh3-64
of a text's first 256 bytes, seeded with the seed and the text's length;
reimplemented below in pure Python and checked against the binaries'
counts of sampled and added pages): how many of the site's pages each
sample holds, and how many of its documents changed partners in each run.

Python 3.11, standard library only.  Writes DIR/<run>.jsonl, DIR/<run>.err,
DIR/results.md and DIR/results.json.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import time

M64 = (1 << 64) - 1
SEED = 0x006E_6561_7264_7570  # neardup's default --seed ("neardup")

# ------------------------------------------------------------------ xxh3-64
# xxh3_64_with_seed as the xxhash-rust crate computes it, for inputs of at
# most 256 bytes (all the sample hash reads).
SECRET = bytes.fromhex(
    "b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671f"
    "cb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c"
    "3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8"
    "a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364"
    "eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e"
    "2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e")
P32_1, P32_2, P32_3 = 0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D
P64_1, P64_2, P64_3 = 0x9E3779B185EBCA87, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9
P64_4, P64_5 = 0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5


def _r64(b, i):
    return int.from_bytes(b[i:i + 8], "little")


def _r32(b, i):
    return int.from_bytes(b[i:i + 4], "little")


def _fold(a, b):
    p = a * b
    return (p ^ (p >> 64)) & M64


def _avalanche(h):
    h ^= h >> 37
    h = (h * 0x165667919E3779F9) & M64
    return h ^ (h >> 32)


def _xxh64_avalanche(h):
    h ^= h >> 33
    h = (h * P64_2) & M64
    h ^= h >> 29
    h = (h * P64_3) & M64
    return h ^ (h >> 32)


def _rrmxmx(h, n):
    rotl = lambda x, r: ((x << r) | (x >> (64 - r))) & M64  # noqa: E731
    h ^= rotl(h, 49) ^ rotl(h, 24)
    h = (h * 0x9FB21C651E98DF25) & M64
    h ^= ((h >> 35) + n) & M64
    h = (h * 0x9FB21C651E98DF25) & M64
    return h ^ (h >> 28)


def _mix16(b, i, s, j, seed):
    lo = _r64(b, i) ^ ((_r64(s, j) + seed) & M64)
    hi = _r64(b, i + 8) ^ ((_r64(s, j + 8) - seed) & M64)
    return _fold(lo, hi)


def xxh3_64(data, seed):
    n, s = len(data), SECRET
    assert n <= 256
    if n == 0:
        return _xxh64_avalanche(seed ^ _r64(s, 56) ^ _r64(s, 64))
    if n <= 3:
        combo = (data[0] << 16) | (data[n >> 1] << 24) | data[n - 1] | (n << 8)
        return _xxh64_avalanche(combo ^ (((_r32(s, 0) ^ _r32(s, 4)) + seed) & M64))
    if n <= 8:
        seed ^= int.from_bytes((seed & 0xFFFFFFFF).to_bytes(4, "little"), "big") << 32
        flip = ((_r64(s, 8) ^ _r64(s, 16)) - seed) & M64
        return _rrmxmx((_r32(data, n - 4) + (_r32(data, 0) << 32)) & M64 ^ flip, n)
    if n <= 16:
        lo = _r64(data, 0) ^ (((_r64(s, 24) ^ _r64(s, 32)) + seed) & M64)
        hi = _r64(data, n - 8) ^ (((_r64(s, 40) ^ _r64(s, 48)) - seed) & M64)
        swapped = int.from_bytes(lo.to_bytes(8, "little"), "big")
        return _avalanche((n + swapped + hi + _fold(lo, hi)) & M64)
    if n <= 128:
        acc = n * P64_1
        if n > 32:
            if n > 64:
                if n > 96:
                    acc += _mix16(data, 48, s, 96, seed) + _mix16(data, n - 64, s, 112, seed)
                acc += _mix16(data, 32, s, 64, seed) + _mix16(data, n - 48, s, 80, seed)
            acc += _mix16(data, 16, s, 32, seed) + _mix16(data, n - 32, s, 48, seed)
        acc += _mix16(data, 0, s, 0, seed) + _mix16(data, n - 16, s, 16, seed)
        return _avalanche(acc & M64)
    if n <= 240:
        acc = n * P64_1
        for i in range(8):
            acc += _mix16(data, 16 * i, s, 16 * i, seed)
        acc = _avalanche(acc & M64)
        for i in range(8, n // 16):
            acc += _mix16(data, 16 * i, s, 16 * (i - 8) + 3, seed)
        acc += _mix16(data, n - 16, s, 136 - 17, seed)
        return _avalanche(acc & M64)
    # Long input (241..256 bytes): one partial block, no scrambling.
    if seed:
        s = b"".join(((_r64(SECRET, 16 * i) + seed) & M64).to_bytes(8, "little")
                     + ((_r64(SECRET, 16 * i + 8) - seed) & M64).to_bytes(8, "little") for i in range(12))
    acc = [P32_3, P64_1, P64_2, P64_3, P64_4, P32_2, P64_5, P32_1]

    def stripe(i, j):
        for k in range(8):
            v = _r64(data, i + 8 * k)
            key = v ^ _r64(s, j + 8 * k)
            acc[k ^ 1] = (acc[k ^ 1] + v) & M64
            acc[k] = (acc[k] + (key & 0xFFFFFFFF) * (key >> 32)) & M64

    for st in range((n - 1) // 64):
        stripe(64 * st, 8 * st)
    stripe(n - 64, len(s) - 64 - 7)
    res = n * P64_1
    for k in range(4):
        res += _fold(acc[2 * k] ^ _r64(s, 11 + 16 * k), acc[2 * k + 1] ^ _r64(s, 11 + 16 * k + 8))
    return _avalanche(res & M64)


def record_hash(text_bytes, seed=SEED):
    return xxh3_64(text_bytes[:256], seed ^ ((len(text_bytes) * 0x9E3779B97F4A7C15) & M64))


def cut_for(total, sample_bytes):
    if total <= sample_bytes:
        return M64
    # neardup computes this in f64 and casts to u64.
    return min(M64, int(float(M64) * (sample_bytes / total)))


def site_of(url):
    """neardup's site key (corpus::site_key): the host, lowercased, without
    a user, a port or a leading www. (when a dot follows)."""
    if "://" not in url:
        return url
    host = re.split(r"[/?#]", url.split("://", 1)[1], maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1]
    h, sep, port = host.rpartition(":")
    if sep and port.isdigit() and "]" not in port:
        host = h
    if len(host) > 4 and host[:4].lower() == "www." and "." in host[4:]:
        host = host[4:]
    return "".join(c.lower() if c.isascii() else c for c in host)


def sample_model(docs, sample_bytes, pages, site_bytes, site_min_df=2, site_share=0.05):
    """Per site: (pages under the cut-off, pages the top-up adds), as
    neardup's sample takes them (corpus/sample.rs, SiteLowest::depths):
    sites of at least site_min_df pages, a budget of site_bytes or
    site_share of the text, every site to the depth that fits, then whole
    sites one level deeper in the order of their keys' hashes."""
    total = sum(d["len"] for d in docs)
    cut = cut_for(total, sample_bytes)
    budget = max(site_bytes, int(site_share * total))
    min_pages = max(site_min_df, 2)
    by_site = collections.defaultdict(list)
    for d in docs:
        by_site[d["site"]].append((d["hash"], d["len"]))
    under = {s: sum(h <= cut for h, _ in v) for s, v in by_site.items()}
    added = {s: 0 for s in by_site}
    if pages:
        ranked = {}
        by_rank = [0] * (pages + 1)
        for s, v in by_site.items():
            if len(v) < min_pages:
                continue
            v.sort()
            out, rank = [], 0
            for i, (h, n) in enumerate(v):
                if i == 0 or h != v[i - 1][0]:
                    rank = i + 1
                if rank > pages:
                    break
                out.append((rank, h, n))
                if h > cut:
                    by_rank[rank] += n
            ranked[s] = out
        depth, run = 0, 0
        for i, n in enumerate(by_rank[1:]):
            run += n
            if run > budget:
                break
            depth = i + 1
        if depth < min_pages:
            depth = 0
        left = budget - sum(by_rank[1:depth + 1])
        level = max(depth + 1, min_pages)
        deeper = set()
        if level <= pages:
            key = lambda s: max(xxh3_64(s.encode(), 0), 1)
            for s in sorted(ranked, key=key):
                extra = sum(n for rank, h, n in ranked[s] if h > cut and depth < rank <= level)
                if extra == 0:
                    continue
                if extra > left:
                    break
                left -= extra
                deeper.add(s)
        for s, out in ranked.items():
            d = level if s in deeper else depth
            added[s] = sum(1 for rank, h, _ in out if h > cut and rank <= d)
    return under, added


# ------------------------------------------------------------------- runs
BOILER = re.compile(r"boilerplate: (\d+) shingles \(.*? of (\d+) sampled documents"
                    r"(?:; small sites (?:and frames )?added (\d+) pages[^)]*)?\); left out of (\d+) documents")


def run(bin_, corpus, out, mb, extra, threads):
    cmd = [bin_, "cluster", corpus, "-o", out, "--df-sample-mb", f"{mb:.6f}"] + extra
    if threads:
        cmd += ["--threads", str(threads)]
    t = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True)
    secs = time.monotonic() - t
    if p.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{p.stderr}")
    with open(out[:-len(".jsonl")] + ".err", "w") as f:
        f.write(" ".join(cmd) + "\n" + p.stderr)
    line = next((ln.strip() for ln in p.stderr.splitlines() if "boilerplate:" in ln), "")
    m = BOILER.search(line)
    shingles, sampled, added, left_out = (int(x) if x else 0 for x in m.groups()) if m else (None,) * 4
    return {"cmd": " ".join(cmd), "secs": secs, "boilerplate": line, "shingles": shingles,
            "sampled": sampled, "added": added, "left_out": left_out}


def clusters_of(path):
    by = collections.defaultdict(set)
    with open(path) as f:
        for line in f:
            d = json.loads(line)
            by[d["cluster_id"]].add(d["id"])
    partners = {}
    for members in by.values():
        fs = frozenset(members)
        for i in members:
            partners[i] = fs
    return partners, by


def pairs_of(by):
    out = set()
    for members in by.values():
        m = sorted(members)
        for i in range(len(m)):
            for j in range(i + 1, len(m)):
                out.add((m[i], m[j]))
    return out


def compare(ref_partners, ref_pairs, partners, by):
    pairs = pairs_of(by)
    tp = len(pairs & ref_pairs)
    p = tp / len(pairs) if pairs else 1.0
    r = tp / len(ref_pairs) if ref_pairs else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    changed = {i for i in ref_partners if partners.get(i) != ref_partners[i]}
    # Documents split off: outside the largest piece of their full-run
    # cluster; merged in: outside the largest full-run cluster's part of
    # their cluster here (a cluster that loses or gains one page counts
    # one, where `changed` counts all its members).
    split = sum(len(f) - max(collections.Counter(partners[i] for i in f).values())
                for f in set(ref_partners.values()))
    merged = sum(len(g) - max(collections.Counter(ref_partners[i] for i in g).values())
                 for g in set(partners.values()))
    return {"pairs": len(pairs), "precision": p, "recall": r, "f1": f1, "changed": changed,
            "split": split, "merged": merged,
            "clusters2": sum(len(m) > 1 for m in by.values()),
            "largest": max(len(m) for m in by.values())}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", required=True, help="neardup before the site top-up")
    ap.add_argument("--new", required=True, help="neardup with the site top-up")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", default=None, help="default: <corpus dir>/probe")
    ap.add_argument("--fractions", type=float, nargs="+", default=[20, 50])
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--pages", type=int, nargs="*", default=[],
                    help="also run NEW with these --site-sample-pages at each fraction")
    a = ap.parse_args()
    out = a.out or os.path.join(os.path.dirname(os.path.abspath(a.corpus)), "probe")
    os.makedirs(out, exist_ok=True)

    docs = []
    with open(a.corpus, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            b = d["text"].encode("utf-8")
            docs.append({"id": d["id"], "site": site_of(d.get("url", "")), "len": len(b),
                         "hash": record_hash(b)})
    total = sum(d["len"] for d in docs)
    site_pages = collections.Counter(d["site"] for d in docs)
    site_of_id = {d["id"]: d["site"] for d in docs}
    mib = 1 << 20
    full_mb = total / mib * 2 + 1
    print(f"{len(docs)} documents, {len(site_pages)} sites, {total / mib:.2f} MiB of text", file=sys.stderr)

    runs = []  # (name, binary label, fraction, output name, result)
    path = lambda name: os.path.join(out, name + ".jsonl")  # noqa: E731

    def add(name, binary, fr, file, mb, extra):
        r = run(a.new if binary == "new" else a.old, a.corpus, path(file), mb, extra, a.threads)
        r["mb"] = mb
        runs.append((name, binary, fr, file, r))

    add("full", "new", None, "full", full_mb, [])
    add("full, old", "old", None, "full-old", full_mb, [])
    for fr in a.fractions:
        mb, tag = total / mib / fr, f"{fr:g}"
        add(f"1/{tag} old", "old", fr, f"f{tag}-old", mb, [])
        add(f"1/{tag} new, top-up 0", "new", fr, f"f{tag}-new0", mb, ["--site-sample-pages", "0"])
        add(f"1/{tag} new, top-up", "new", fr, f"f{tag}-new", mb, [])
        for n in a.pages:
            add(f"1/{tag} new, top-up {n} pages", "new", fr, f"f{tag}-new{n}", mb, ["--site-sample-pages", str(n)])

    ref_partners, ref_by = clusters_of(path("full"))
    ref_pairs = pairs_of(ref_by)
    same_bytes = lambda x, y: open(path(x), "rb").read() == open(path(y), "rb").read()  # noqa: E731
    checks = {"full: old == new": same_bytes("full", "full-old")}
    for fr in a.fractions:
        checks[f"1/{fr:g}: old == new with --site-sample-pages 0"] = same_bytes(f"f{fr:g}-old", f"f{fr:g}-new0")

    rows, per_site_changed = [], {}
    for name, binary, fr, file, r in runs:
        partners, by = clusters_of(path(file))
        c = compare(ref_partners, ref_pairs, partners, by)
        per_site_changed[name] = collections.Counter(site_of_id[i] for i in c["changed"])
        rows.append({"run": name, "binary": binary, **{k: v for k, v in r.items() if k != "cmd"},
                     "cmd": r["cmd"], **{k: v for k, v in c.items() if k != "changed"},
                     "changed": len(c["changed"])})

    # The model of the sample, checked against the binaries' counts.
    models, model_checks = {}, {}
    for fr in a.fractions:
        mb = total / mib / fr
        under, added = sample_model(docs, int(mb * mib), 40, 16 * mib)
        models[fr] = (under, added)
        new = next(x for x in rows if x["run"] == f"1/{fr:g} new, top-up")
        model_checks[f"1/{fr:g}: sampled {sum(under.values())} (binary {new['sampled']}), "
                     f"added {sum(added.values())} (binary {new['added']})"] = (
            sum(under.values()) == new["sampled"] and sum(added.values()) == new["added"])

    # ---------------------------------------------------------- report
    md = [f"Corpus `{a.corpus}`: {len(docs)} documents, {len(site_pages)} sites, "
          f"{total / mib:.2f} MiB of text. Reference: `{a.new}` with `--df-sample-mb {full_mb:.2f}` "
          f"(the whole corpus sampled).", "",
          "| run | sample MiB | boilerplate shingles | sampled docs | top-up pages | docs with shingles left out "
          "| clusters 2+ | largest | pairs | pair P | pair R | pair F1 | docs changed | split off | merged in | s |",
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for x in rows:
        md.append(f"| {x['run']} | {x['mb']:.2f} | {x['shingles']} | {x['sampled']} | {x['added']} | {x['left_out']} "
                  f"| {x['clusters2']} | {x['largest']} | {x['pairs']} | {x['precision']:.3f} | {x['recall']:.3f} "
                  f"| {x['f1']:.3f} | {x['changed']} | {x['split']} | {x['merged']} | {x['secs']:.2f} |")
    md += ["", "Checks:", ""]
    md += [f"* {k}: {'yes' if v else 'NO'}" for k, v in checks.items()]
    md += [f"* sample model {k}: {'equal' if v else 'DIFFERENT'}" for k, v in model_checks.items()]

    md += ["", "Per site: pages; pages under the small sample's cut-off (+ pages the top-up adds); "
           "documents whose cluster partners differ from the full run (old / top-up 0 / top-up); "
           "the site's largest cluster in the full run.", ""]
    hdr = "| site | pages | largest (full) |"
    sep = "|---|---|---|"
    for fr in a.fractions:
        hdr += f" 1/{fr:g} sampled (+top-up) | 1/{fr:g} changed old / 0 / top-up |"
        sep += "---|---|"
    md += [hdr, sep]
    largest = collections.Counter()
    for members in ref_by.values():
        for s, n in collections.Counter(site_of_id[i] for i in members).items():
            largest[s] = max(largest[s], n)
    site_rows = []
    for s, n in sorted(site_pages.items(), key=lambda x: (-x[1], x[0])):
        row = f"| {s.split('.')[0]} | {n} | {largest[s]} |"
        sr = {"site": s, "pages": n, "largest_full": largest[s]}
        for fr in a.fractions:
            under, added = models[fr]
            ch = [per_site_changed[f"1/{fr:g} {k}"][s] for k in ("old", "new, top-up 0", "new, top-up")]
            mark = "" if under[s] >= 2 or n < 2 else " ◦"
            row += f" {under[s]} (+{added[s]}){mark} | {ch[0]} / {ch[1]} / {ch[2]} |"
            sr[f"1/{fr:g}"] = {"under": under[s], "added": added[s], "changed": ch}
        site_rows.append(sr)
        if n >= 2:
            md.append(row)
    singles = sum(1 for n in site_pages.values() if n < 2)
    md += ["", f"◦: a site of 2+ pages with fewer than 2 pages in the small sample (its chrome cannot be "
           f"learned without the top-up). {singles} single-page sites are left out of the table."]
    text = "\n".join(md)
    print(text)
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"runs": rows, "checks": checks, "model_checks": model_checks, "sites": site_rows},
                  f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
