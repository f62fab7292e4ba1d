"""The stage functions (neardup.boilerplate, sign, verify, components)
composed in plain Python, split as an engine splits them, against
neardup.cluster and the command on the same records."""

import random
from typing import NamedTuple

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import neardup
from conftest import ROOT, read_jsonl
from test_cluster import cli_rows

SAMPLE = ROOT / "samples" / "crawl.jsonl"


def with_keys(table: pa.Table) -> pa.Table:
    """The row number as the key: input order."""
    return table.append_column("key", pa.array(range(table.num_rows), pa.uint64()))


def first_occurrences(docs: pa.Table) -> pa.Table:
    """The documents whose key is the smallest of their id's."""
    firsts = docs.group_by("id").aggregate([("key", "min")]).column("key_min")
    return docs.filter(pc.is_in(docs["key"], firsts))


class Sample(NamedTuple):
    rows: pa.Table  # the sampled rows
    total: int  # the corpus's text bytes
    topped: int  # the rows the site top-up added
    top_up: tuple  # (depth, level, last), for neardup.boilerplate(top_up=)
    deeper: int  # the sites that add pages at `level`
    shallow: int  # the sites that would add pages there, for which the budget is short


def sampled(chunks: list, global_only: bool = False, old: tuple = (), **settings) -> Sample:
    """The boilerplate sample of a corpus held in `chunks`, picked as an
    engine picks it from `neardup.sample_keys` (plain Python where Spark
    has `rank()` and windows): the rows under the cut-off, and the site
    top-up: the sites of at least `site_min_pages` rows, each one's rows
    ranked by hash, the text added by each rank summed over the sites,
    `neardup.sample_depths`, the rows above the cut-off ranked within the
    depth, and, in site order, the sites whose text up to the next level
    fits what is left, within that level. `global_only` leaves the top-up
    out (the sample before sites topped it up); `old` picks it in part as
    the rule before 6a6f6d3 did: "one-page" counts every site, one-page
    ones too; "budget" takes `site_sample_bytes` alone as the budget (not
    `site_sample_share` of the text when more); "one-depth" sends every
    site to one depth (no level)."""
    keys = pa.Table.from_batches([neardup.sample_keys(b, **settings) for b in chunks])
    site, hash_, len_ = (keys[c].to_pylist() for c in ("site", "hash", "len"))
    total = sum(n for n in len_ if n is not None)
    cut = neardup.sample_cut(total, **settings)
    sizes = neardup.sample_settings(**settings)
    pages, min_pages = sizes["site_sample_pages"], sizes["site_min_pages"]
    by_site = {}
    for row, (s, h) in enumerate(zip(site, hash_)):
        if s is not None and s != neardup.NO_SITE:  # None: not a document
            by_site.setdefault(s, []).append((h, row))
    rank = {}
    for rows in by_site.values():
        if len(rows) < min_pages and "one-page" not in old:
            continue
        rows.sort()
        for i, (h, row) in enumerate(rows):
            # SQL's rank(): ties share the lower rank.
            rank[row] = i + 1 if i == 0 or h != rows[i - 1][0] else rank[rows[i - 1][1]]
    added = [0] * pages
    for row, r in rank.items():
        if hash_[row] > cut and r <= pages:
            added[r - 1] += len_[row]
    # The old rule's budget: site_sample_bytes alone, as for a corpus of
    # no text.
    depth, level, left = neardup.sample_depths(added, 0 if "budget" in old else total, **settings)
    last, extra = None, {}
    if level is not None and "one-depth" not in old:
        for row, r in rank.items():
            if hash_[row] > cut and depth < r <= level:
                extra[site[row]] = extra.get(site[row], 0) + len_[row]
        running = 0
        for s in sorted(s for s, n in extra.items() if n > 0):
            running += extra[s]
            if running > left:
                break
            last = s
    top_up = set() if global_only else {
        row for row, r in rank.items()
        if hash_[row] > cut and (r <= depth or (last is not None and site[row] <= last and r <= level))}
    take = [h is not None and (h <= cut or row in top_up) for row, h in enumerate(hash_)]
    deeper = sum(1 for s, n in extra.items() if n > 0 and last is not None and s <= last)
    table = pa.Table.from_batches(chunks)
    return Sample(table.filter(pa.array(take)), total, len(top_up), (depth, level, last), deeper,
                  sum(1 for n in extra.values() if n > 0) - deeper)


def staged(table: pa.Table, parts: int = 4, chunk: int = 7, spark_typed: bool = False, shipped=None,
           **settings) -> pa.Table:
    """The pipeline stage by stage: signed a chunk at a time, the buckets
    hashed into `parts` partitions, each verified with only the documents
    it names and the texts it reads, then the components of all the pairs,
    fetching only the texts the spin view reads (`parts` a power of two).
    `shipped`, a dict, gets how many texts each step was handed."""
    table = with_keys(table)
    # The boilerplate sample as the parts of a corpus take it: each part's
    # sample keys, the cut-off for the total text and the site top-up.
    chunks = table.to_batches(max_chunksize=chunk)
    picked, total, _, top_up, _, _ = sampled(chunks, **settings)
    bp = neardup.boilerplate(picked, total_text_bytes=total, top_up=top_up, **settings)
    signed = [neardup.sign(b, boilerplate=bp, **settings) for b in chunks]
    docs = first_occurrences(pa.Table.from_batches([d for d, _, _ in signed]))
    bands = pa.Table.from_batches([b for _, b, _ in signed])
    texts = table.select(["key", "text"])
    part = pc.bit_wise_and(pc.add(bands["band_key"], bands["band"].cast(pa.uint64())), pa.scalar(parts - 1, pa.uint64()))
    pairs = []
    shipped = {} if shipped is None else shipped
    shipped.update(verify=0, components=0, named=0)
    for p in range(parts):
        mine = bands.filter(pc.equal(part, p))
        named = docs.filter(pc.is_in(docs["key"], mine["doc_key"]))
        # Only the texts of the pairs near a threshold travel to the task.
        need = neardup.verify_texts(mine, named, boilerplate=bp, **settings)
        args = (mine, named, texts.filter(pc.is_in(texts["key"], need)))
        shipped["verify"] += len(need)
        shipped["named"] += named.num_rows
        if spark_typed:
            args = tuple(pa.Table.from_batches([neardup.spark_types(b) for b in a.to_batches()]) for a in args)
        pairs.append(neardup.verify(*args, boilerplate=bp, **settings))
    # Pairs of band rows only: the partitions are the buckets, not the docs.
    assert sum(p.num_rows for p in pairs) > 0, "the corpus has pairs to verify"

    def fetch(keys):
        shipped["components"] += len(keys)
        return texts.filter(pc.is_in(texts["key"], keys))

    return neardup.components(docs, pairs, fetch_texts=fetch, boilerplate=bp, **settings)


@pytest.mark.parametrize("corpus", ["sample", "generated", "generated-small-sample"])
def test_stages_give_the_rows_of_the_command(corpus, run_cli, tmp_path, request):
    path = SAMPLE if corpus == "sample" else request.getfixturevalue("generated")
    table = pa.Table.from_pylist(read_jsonl(path))
    parquet = tmp_path / "corpus.parquet"
    pq.write_table(table, parquet)
    # A 128 KiB boilerplate sample: the corpus outgrows it, and the parts
    # must pick the rows the command picks. Sites top it up with 4 pages
    # each: with the default 40, every page of this corpus's sites (at
    # most 36 each) would be sampled.
    small = corpus.endswith("small-sample")
    flags = ["--df-sample-mb", "0.125", "--site-sample-pages", "4"] if small else []
    want = cli_rows(run_cli, tmp_path, parquet, *flags)
    settings = {"df_sample_bytes": 131072, "site_sample_pages": 4} if small else {}
    shipped = {}
    got = staged(table, parts=4, shipped=shipped, **settings).to_pylist()
    assert got == want
    if corpus == "generated":
        # The texts read are those of pairs near a threshold and of the spin
        # view's alignments, not the corpus.
        assert 0 < shipped["verify"] < shipped["named"] / 2, shipped
        assert 0 < shipped["components"] < table.num_rows / 4, shipped
    if small:
        assert got != staged(table, parts=4).to_pylist(), "the sample size matters"
    assert any(r["cluster_size"] > 1 for r in got)
    if corpus == "generated":
        assert any(r["relation"] == "spun" for r in got), "the spin view read the texts"


def parts_of(keys: list, edges) -> dict:
    """Each key with the smallest key of its connected component."""
    parent = {k: k for k in keys}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)
    return {k: find(k) for k in keys}


def numbered_as_one_process(rows: list) -> list:
    """Rows clustered in parts, their cluster ids as one process numbers
    them (clusters of two or more first, larger first, then by origin id),
    in id order."""
    order = sorted({(r["cluster_size"] == 1, -r["cluster_size"], r["origin_id"]) for r in rows})
    number = {o[2]: i for i, o in enumerate(order)}
    return sorted((dict(r, cluster_id=number[r["origin_id"]]) for r in rows), key=lambda r: r["id"])


def in_parts(docs, pairs, texts, label: dict, bins: int = 4, spin=None, bin_of=None) -> list:
    """`neardup.components` on the parts `label` gives, several parts to a
    call (as an engine's partitions hold them): component `l` in bin
    `bin_of(l)` (by default `l % bins`). With `spin` (the whole corpus's
    spin candidates), each call gets those of its documents."""
    bin_of = bin_of or (lambda l: l % bins)
    rows = []
    for b in range(bins):
        keys = [k for k, l in label.items() if bin_of(l) == b]
        mine = docs.filter(pc.is_in(docs["key"], pa.array(keys, pa.uint64())))
        their_pairs = pairs.filter(pc.is_in(pairs["a"], mine["key"]))
        their_texts = texts.filter(pc.is_in(texts["key"], mine["key"]))
        their_spin = None if spin is None else spin.filter(pc.is_in(spin["a"], mine["key"]))
        rows += neardup.components(mine, their_pairs, their_texts, spin_pairs=their_spin).to_pylist()
    return numbered_as_one_process(rows)


def with_spin_band_zero(docs: pa.Table, sigs: dict) -> pa.Table:
    """`docs` with the spin signatures `sigs` gives by key, and the first
    band (two bins) of each of those set to zero: one bucket for them all."""
    out = []
    for key, sig in zip(docs["key"].to_pylist(), docs["spin_signature"].to_pylist()):
        if key in sigs:
            sig = b"\0\0\0\0" + sigs[key][4:]
        out.append(sig)
    i = docs.schema.get_field_index("spin_signature")
    return docs.set_column(i, docs.schema.field(i), pa.array(out, pa.binary()))


def test_components_in_parts_take_the_spin_candidates_of_the_whole(generated):
    """A spin bucket of more than 24 documents is paired as a chain, which
    depends on every document in it: a part holding a few of them must
    take the whole's candidates, not bucket its own (it would pair them
    all)."""
    docs, texts, pairs = signed_and_verified(generated)
    rows = neardup.components(docs, pairs, texts).to_pylist()
    key_of = dict(zip(docs["id"].to_pylist(), docs["key"].to_pylist()))
    sig_of = dict(zip(docs["key"].to_pylist(), docs["spin_signature"].to_pylist()))
    # A spun copy x of its cluster's origin y.
    x_row = next(r for r in rows if r["relation"] == "spun")
    x, y = key_of[x_row["id"]], key_of[x_row["origin_id"]]
    # Their spin signatures made to agree on every other bin (an estimate
    # near 0.5, which passes) and share no band but the first, which 24
    # unique documents share too. Sorted by id, the bucket's chain pairs
    # its first document with each and each with the next: a document
    # before x and y and one between them keep it from pairing x and y.
    odd = lambda sig: bytes(v ^ 0x5A if (i // 2) % 2 else v for i, v in enumerate(sig))
    crafted = {y: sig_of[y], x: odd(sig_of[y])}
    unique = sorted(r["id"] for r in rows if r["relation"] == "unique")
    lo, hi = sorted([x_row["id"], x_row["origin_id"]])
    before = [i for i in unique if i < lo][:12]
    between = [i for i in unique if lo < i < hi][:2]
    after = [i for i in unique if i > hi][:24 - len(before) - len(between)]
    assert before and between and len(before + between + after) == 24
    crafted.update({key_of[i]: sig_of[key_of[i]] for i in before + between + after})
    docs = with_spin_band_zero(docs, crafted)

    whole = neardup.components(docs, pairs, texts).to_pylist()
    cluster = {key_of[r["id"]]: r["cluster_id"] for r in whole}
    assert cluster[x] != cluster[y], "the whole never proposes x and y"
    spin_bands = neardup.spin_bands(docs)
    spin = neardup.spin_pairs(spin_bands, docs)
    keys = docs["key"].to_pylist()
    verified = list(zip(pairs["a"].to_pylist(), pairs["b"].to_pylist()))
    candidates = list(zip(spin["a"].to_pylist(), spin["b"].to_pylist()))
    label = parts_of(keys, verified + candidates)
    # x's and y's components in bin 0, with fewer than 25 of the bucket.
    ours = {label[x], label[y]}
    bin_of = lambda l: 0 if l in ours else 1 + l % 3
    assert sum(bin_of(label[k]) == 0 for k in crafted) <= 24
    assert in_parts(docs, pairs, texts, label, spin=spin, bin_of=bin_of) == whole
    # Bucketed again, bin 0 pairs all of its share of the bucket: x is then
    # aligned with y, a link the whole never made.
    alone = in_parts(docs, pairs, texts, label, bin_of=bin_of)
    assert alone != whole
    alone_cluster = {key_of[r["id"]]: r["cluster_id"] for r in alone}
    assert alone_cluster[x] == alone_cluster[y]


def test_a_spin_candidate_outside_the_part_is_an_error(generated):
    table = with_keys(pa.Table.from_pylist(read_jsonl(generated)))
    docs, bands, _ = neardup.sign(table)
    docs = pa.Table.from_batches([docs])
    empty = pa.Table.from_batches([], schema=neardup.stages.SCHEMAS["pairs"])
    keys = docs["key"].to_pylist()
    outside = pa.table({"a": pa.array([keys[0]], pa.uint64()), "b": pa.array([10**9], pa.uint64())})
    with pytest.raises(neardup.NeardupError, match="names key 1000000000, which is not one of"):
        neardup.components(docs, empty, table.select(["key", "text"]), spin_pairs=outside)


def signed_and_verified(path) -> tuple:
    """The signed documents of a JSON Lines corpus, their texts and
    verified pairs (keys in input order)."""
    table = with_keys(pa.Table.from_pylist(read_jsonl(path)))
    bp = neardup.boilerplate(table)
    docs, bands, _ = neardup.sign(table, boilerplate=bp)
    docs = pa.Table.from_batches([docs])
    texts = table.select(["key", "text"])
    pairs = pa.Table.from_batches([neardup.verify(bands, docs, texts, boilerplate=bp)])
    return docs, texts, pairs


def test_components_in_parts_give_the_rows_of_the_whole(generated):
    docs, texts, pairs = signed_and_verified(generated)
    whole = neardup.components(docs, pairs, texts).to_pylist()
    assert any(r["relation"] == "spun" for r in whole)
    keys = docs["key"].to_pylist()
    verified = list(zip(pairs["a"].to_pylist(), pairs["b"].to_pylist()))
    verbatim = parts_of(keys, verified)
    # The spin view's buckets, whole, in three partitions.
    spin_bands = neardup.spin_bands(docs)
    assert spin_bands.num_rows > docs.num_rows
    groups = pa.table({"key": pa.array(keys, pa.uint64()), "group": pa.array([verbatim[k] for k in keys], pa.uint64())})
    part = pc.bit_wise_and(spin_bands["band_key"], pa.scalar(3, pa.uint64()))
    candidates = [neardup.spin_pairs(spin_bands.filter(pc.equal(part, p)), docs, groups) for p in range(4)]
    spin = [(a, b) for c in candidates for a, b in zip(c["a"].to_pylist(), c["b"].to_pylist())]
    assert spin and all(verbatim[a] != verbatim[b] for a, b in spin), "pairs across verbatim components only"
    # Every pair the whole run's spin view could consider lies in one part.
    assert in_parts(docs, pairs, texts, parts_of(keys, verified + spin)) == whole
    # Parts by the verified pairs alone split spun copies from their sources.
    assert in_parts(docs, pairs, texts, verbatim) != whole


def test_settings_reach_every_stage():
    table = pa.Table.from_pylist(read_jsonl(SAMPLE))
    settings = dict(profile="whole-text", threshold=0.7)
    assert staged(table, **settings).to_pylist() == neardup.cluster(table, **settings).to_pylist()


def test_spark_typed_batches_and_repeated_ids():
    rows = read_jsonl(SAMPLE)
    # A later copy of a record under the same id: the first is kept.
    repeat = dict(rows[3], text=rows[5]["text"])
    rows.append(repeat)
    table = pa.Table.from_pylist(rows)
    want = neardup.cluster(table, on_skip="ignore").to_pylist()
    assert staged(table, parts=2, spark_typed=True).to_pylist() == want


def test_components_settle_repeated_ids_by_key():
    rows = read_jsonl(SAMPLE)[:6]
    table = with_keys(pa.Table.from_pylist(rows + [dict(rows[0], text=rows[1]["text"])]))
    docs, _, skipped = neardup.sign(table)
    assert skipped.num_rows == 0
    # Handed over in another order, and one row twice.
    shuffled = docs.take(list(reversed(range(docs.num_rows))) + [0])
    empty = pa.Table.from_batches([], schema=neardup.stages.SCHEMAS["pairs"])
    out, repeated = neardup.components(shuffled, empty, table.select(["key", "text"]), return_skipped=True)
    assert out.num_rows == 6
    assert repeated.column("key").to_pylist() == [6], "the larger key is the repeat"
    assert repeated.column("code").to_pylist() == ["duplicate_id"]


def test_a_text_needed_and_not_given_is_an_error(generated):
    table = with_keys(pa.Table.from_pylist(read_jsonl(generated)))
    bp = neardup.boilerplate(table)
    docs, bands, _ = neardup.sign(table, boilerplate=bp)
    texts = table.select(["key", "text"])
    need = neardup.verify_texts(bands, docs, boilerplate=bp)
    assert len(need) > 0, "the corpus has pairs near a threshold"
    lacking = texts.filter(pc.invert(pc.is_in(texts["key"], need[:1])))
    with pytest.raises(neardup.NeardupError, match="verify needs the texts of 1 documents"):
        neardup.verify(bands, docs, lacking, boilerplate=bp)
    assert neardup.verify_texts(bands, docs, lacking, boilerplate=bp).to_pylist() == need[:1].to_pylist()
    pairs = neardup.verify(bands, docs, texts, boilerplate=bp)
    spin = neardup.components_texts(docs, pairs)
    assert len(spin) > 0, "the spin view aligns pairs"
    with pytest.raises(neardup.NeardupError, match="components needs the texts"):
        neardup.components(docs, pairs, texts.filter(pc.invert(pc.is_in(texts["key"], spin[:1]))))
    with pytest.raises(neardup.NeardupError, match="fetch_texts returned no text for 1 of"):
        neardup.components(docs, pairs, fetch_texts=lambda keys: texts.filter(
            pc.is_in(texts["key"], keys[1:])))
    assert neardup.components(docs, pairs, texts).equals(neardup.components(
        docs, pairs, fetch_texts=lambda keys: texts.filter(pc.is_in(texts["key"], keys))))
    # One run a round: the keys lacked and no rows, or the rows.
    rows, missing = neardup.components_or_missing(docs, pairs)
    assert rows is None and missing.equals(spin)
    rows, missing = neardup.components_or_missing(docs, pairs, texts)
    assert len(missing) == 0 and rows.equals(neardup.components(docs, pairs, texts))
    # A text handed over that is not the one signed is refused, not counted.
    key = need[0].as_py()
    other = pc.if_else(pc.equal(texts["key"], key), pc.replace_substring(texts["text"], " the ", " tha "),
                       texts["text"])
    wrong = texts.set_column(1, "text", other)
    with pytest.raises(neardup.NeardupError, match=f"not the texts they were signed with \\(the first key {key}\\)"):
        neardup.verify(bands, docs, wrong, boilerplate=bp)


def test_sign_reports_rows_left_out():
    table = with_keys(pa.table({"id": ["a", None, "c"], "text": ["short", "x y z", None]}))
    docs, bands, skipped = neardup.sign(table)
    assert docs.num_rows == 0 and bands.num_rows == 0
    assert skipped.column("key").to_pylist() == [0, 1, 2]
    assert skipped.column("code").to_pylist()[1:] == ["bad_id", "missing_text"]


def test_keys_must_be_non_negative_integers():
    table = pa.table({"key": [-1], "id": ["a"], "text": ["a b c"]})
    with pytest.raises(neardup.NeardupError, match="negative"):
        neardup.sign(table)
    with pytest.raises(neardup.NeardupError, match="not an integer"):
        neardup.sign(table.set_column(0, "key", pa.array(["k"])))


def test_signing_does_not_depend_on_the_batch():
    table = with_keys(pa.Table.from_pylist(read_jsonl(SAMPLE)))
    bp = neardup.boilerplate(table)
    whole, _, _ = neardup.sign(table, boilerplate=bp)
    order = list(range(table.num_rows))
    random.Random(3).shuffle(order)
    parts = [neardup.sign(table.take(order[i:i + 4]), boilerplate=bp)[0] for i in range(0, len(order), 4)]
    apart = pa.Table.from_batches(parts).sort_by("key")
    assert apart.equals(pa.Table.from_batches([whole]).sort_by("key"))


ONE_PAGE_SITES = 12


def small_sites_corpus(seed: int = 3) -> pa.Table:
    """Pages of two large sites (150 each) and of 16 small ones (3 each),
    about 0.6 MB of text. A small site's pages wrap a long chrome block
    (a header and a footer, 170 words) around a story: one syndicated from
    a large site, one shared with another small site, one its own. Above a
    20 KB sample a small site has no two pages under the cut-off, so its
    chrome is learned only from the site top-up, and the copies of a story
    are compared with or without a third of their words."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(8000)})

    def prose(words: int) -> str:
        out, left = [], words
        while left > 0:
            n = min(left, rng.randint(8, 16))
            sentence = [rng.choice(vocab) for _ in range(n)]
            out.append(" ".join([sentence[0].capitalize()] + sentence[1:]) + ".")
            left -= n
        return " ".join(out)

    rows = []
    big_stories = []
    for site in ("bigdaily", "bigtimes"):
        chrome = prose(25)
        for n in range(150):
            story = prose(rng.randint(180, 260))
            big_stories.append(story)
            rows.append({"id": f"{site}-{n:03d}", "url": f"https://www.{site}.example/news/{n}",
                         "text": f"{chrome}\n\n{story}"})
    shared = [prose(rng.randint(180, 260)) for _ in range(8)]
    for j in range(16):
        site = f"town{j:02d}"
        header, footer = prose(110), prose(60)
        stories = [big_stories[7 * j], shared[j // 2], prose(rng.randint(180, 260))]
        for n, story in enumerate(stories):
            rows.append({"id": f"{site}-{n}", "url": f"https://{site}.example/{n}",
                         "text": f"{header}\n\n{story}\n\n{footer}"})
    for j in range(ONE_PAGE_SITES):
        rows.append({"id": f"solo{j:02d}", "url": f"https://solo{j:02d}.example/",
                     "text": f"{prose(110)}\n\n{prose(rng.randint(180, 260))}\n\n{prose(60)}"})
    rng.shuffle(rows)
    return pa.Table.from_pylist(rows)


# The sample of small_sites_corpus: 20 KB of its 0.6 MB, a few pages of
# each large site and almost never two of a small one.
SMALL_SAMPLE = 20_000

# A tight site top-up for small_sites_corpus, as `(site_sample_bytes,
# site_sample_share)`: 16% of its 0.69 MB of text (more than the 10 KB),
# two pages of every site of two or more, and a third of the first 8 of
# its 16 small sites in key order: the rest may have pages outside the
# sample, and their chrome needs a third sampled page. Counted as before
# 6a6f6d3 (one-page sites too, 10 KB, one depth for all) the depths differ.
TIGHT_SITE_BUDGET = (10_000, 0.16)


def small_sites_settings(budget) -> tuple:
    """The settings of small_sites_corpus's tests and the command's flags
    for them, with the default top-up (`budget` None, where every site's
    pages fit) or a tight one (TIGHT_SITE_BUDGET)."""
    settings = {"df_sample_bytes": SMALL_SAMPLE}
    flags = ["--df-sample-mb", str(SMALL_SAMPLE / 1048576)]
    if budget is not None:
        site_bytes, share = budget
        settings.update(site_sample_bytes=site_bytes, site_sample_share=share)
        flags += ["--site-sample-mb", str(site_bytes / 1048576), "--site-sample-share", str(share)]
    return settings, flags


@pytest.mark.parametrize("budget", [None, TIGHT_SITE_BUDGET], ids=["top-up", "tight-top-up"])
def test_the_parts_sample_the_site_top_up(budget, run_cli, tmp_path):
    """Picked from the parts' sample keys, the sample (the rows under the
    cut-off and the site top-up) gives the boilerplate of the whole corpus
    given the top-up's depths, and the rows of the command. Without the
    top-up the small sites' chrome is not learned and the rows differ.
    With a tight budget only a prefix of the sites (in key order) goes a
    page deeper; the sampled rows alone would find deeper depths than the
    whole's; and the rule before 6a6f6d3 (one-page sites counted, the
    budget without the share, one depth for every site) gives another
    set. One-page sites never add a page."""
    table = small_sites_corpus()
    chunks = table.to_batches(max_chunksize=50)
    settings, flags = small_sites_settings(budget)
    picked, total, topped, top_up, deeper, shallow = sampled(chunks, **settings)
    assert total > 20 * SMALL_SAMPLE and topped > 0
    below = sampled(chunks, global_only=True, **settings).rows
    added = set(picked["id"].to_pylist()) - set(below["id"].to_pylist())
    assert len(added) == topped and not any(i.startswith("solo") for i in added), "one-page sites add nothing"
    whole = neardup.boilerplate(table, **settings)
    assert neardup.boilerplate(picked, total_text_bytes=total, top_up=top_up, **settings) == whole
    if budget is None:
        assert top_up == (40, None, None), "every site's pages fit"
        assert neardup.boilerplate(below, total_text_bytes=total, **settings) != whole, "the top-up matters"
        # The cut-off's rows are sample_mask's.
        mask = pa.concat_arrays([neardup.sample_mask(b, total, **settings) for b in chunks])
        assert table.filter(mask).equals(below)
    else:
        assert top_up[:2] == (2, 3) and deeper > 0 and shallow > 0, "a prefix of the sites goes to 3 pages"
        assert neardup.boilerplate(picked, total_text_bytes=total, **settings) != whole, "the depths matter"
        for old in ("one-page", "budget", "one-depth"):
            was = sampled(chunks, old=(old,), **settings)
            assert was.top_up != top_up
            assert neardup.boilerplate(was.rows, total_text_bytes=total, top_up=was.top_up, **settings) != whole, old

    parquet = tmp_path / "corpus.parquet"
    pq.write_table(table, parquet)
    want = cli_rows(run_cli, tmp_path, parquet, *flags)
    assert neardup.cluster(table, **settings).to_pylist() == want
    assert staged(table, parts=4, chunk=50, **settings).to_pylist() == want
    if budget is None:
        untopped = cli_rows(run_cli, tmp_path, parquet, *flags, "--site-sample-pages", "0")
        assert untopped != want, "the site top-up changes the rows"


def test_the_parts_sample_the_frames_of_pages_without_a_url(run_cli, tmp_path):
    """The small sites' pages without their urls: a site's pages share
    their first and last bytes, so they top the sample up as a frame
    (`sample_keys`' `site` is the frame's key), and the parts' sample gives
    the whole corpus's boilerplate and the command's rows. Without the
    top-up no frame has two pages in the sample, and the rows differ."""
    table = small_sites_corpus()
    url = [None if i.startswith("town") else u
           for i, u in zip(table["id"].to_pylist(), table["url"].to_pylist())]
    table = table.set_column(table.schema.get_field_index("url"), "url", pa.array(url, pa.string()))
    chunks = table.to_batches(max_chunksize=50)
    settings, flags = small_sites_settings(None)
    picked, total, topped, top_up, _, _ = sampled(chunks, **settings)
    assert topped > 0
    whole = neardup.boilerplate(table, **settings)
    assert neardup.boilerplate(picked, total_text_bytes=total, top_up=top_up, **settings) == whole
    below = sampled(chunks, global_only=True, **settings).rows
    assert neardup.boilerplate(below, total_text_bytes=total, **settings) != whole, "the frames' top-up"
    parquet = tmp_path / "corpus.parquet"
    pq.write_table(table, parquet)
    want = cli_rows(run_cli, tmp_path, parquet, *flags)
    assert neardup.cluster(table, **settings).to_pylist() == want
    assert staged(table, parts=4, chunk=50, **settings).to_pylist() == want
    assert cli_rows(run_cli, tmp_path, parquet, *flags, "--site-sample-pages", "0") != want


def test_sample_keys_order_sites_as_the_command():
    """`site` is the site key with its top bit flipped, as `hash` is: a
    short row without a url has NO_SITE, every other row a greater value,
    and the rows of one site the same. A long row without a url has its
    frame's key: the same for texts with the same first and last 64
    bytes."""
    head, foot = "Linton News " * 8, " Follow us for more local news" * 4
    framed = [f"{head}{story * 40}{foot}" for story in ("one story ", "another one ")]
    table = pa.table({"id": ["a", "b", "c", "d", "e", "f"],
                      "text": ["one text", "two texts", "three", None, *framed],
                      "url": ["https://x.example/1", None, "https://x.example/2", "https://y.example/", None, None]})
    keys = neardup.sample_keys(table)
    site = keys["site"].to_pylist()
    assert site[1] == neardup.NO_SITE and site[3] is None
    assert site[0] == site[2] > neardup.NO_SITE
    assert site[4] == site[5] not in (neardup.NO_SITE, site[0]), "one frame"
    without_urls = neardup.sample_keys(table.drop(["url"]))["site"].to_pylist()
    assert without_urls[:3] == [neardup.NO_SITE] * 3 and without_urls[4:] == site[4:]


def test_boilerplate_refuses_top_up_depths_of_other_settings():
    table = small_sites_corpus().slice(0, 60)
    total = neardup.text_bytes(table)
    cases = [
        ((41, None, None), {}, "deeper than site_sample_pages"),
        ((1, None, None), {}, "under the 2 pages a site needs"),
        ((2, 4, 5), {}, "level 4 is not the one after depth 2 \\(3\\)"),
        ((40, 41, 5), {}, "level 41 is not the one after depth 40 \\(None\\)"),
        ((2, None, 5), {}, "without a level"),
        ((2, 3, neardup.NO_SITE), {}, "no site"),
        ((2, 3, 5), {"site_min_df": 4}, "under the 4 pages"),
    ]
    for top_up, settings, why in cases:
        with pytest.raises(neardup.NeardupError, match=why):
            neardup.boilerplate(table, total_text_bytes=total, top_up=top_up, **settings)
    with pytest.raises(neardup.NeardupError, match="without total_text_bytes"):
        neardup.boilerplate(table, top_up=(2, 3, 5))
    # The depths sample_depths gives are taken: no site goes deeper, or
    # none (last None) though a level is given.
    assert isinstance(neardup.boilerplate(table, total_text_bytes=total, top_up=(2, 3, None)), bytes)
    # The budget: site_sample_bytes, or site_sample_share of the text when more.
    assert neardup.sample_depths([], 0) == (40, None, neardup.sample_settings()["site_sample_bytes"])
    tight = {"site_sample_bytes": 250, "site_sample_pages": 3}
    assert neardup.sample_depths([100] * 3, 0, **tight) == (2, 3, 50)
    assert neardup.sample_depths([100] * 3, 0, site_sample_bytes=150, site_sample_pages=3) == (0, 2, 150)
    assert neardup.sample_depths([100] * 3, 10_000, site_sample_share=0.035, **tight) == (3, None, 50)
