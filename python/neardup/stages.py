"""The staged pipeline over Arrow batches, for engines that run it in their
own tasks (Spark, Ray, Dask...): the contracts of ``neardup sign``,
``pairs`` and ``components`` (docs/output.md, "staged run"), in memory.

1. :func:`boilerplate` once, on a sample the caller chooses (all texts
   under 16 MB give the result of ``neardup cluster``); hand its bytes to
   every task.
2. :func:`sign` any batch anywhere: signed documents (``docs``) and their
   LSH band rows (``bands``: ``band``, ``band_key``, ``doc_key``).
3. :func:`verify` the band rows of whole buckets (any split of the buckets,
   e.g. by ``(band, band_key)`` hash) with the documents they name and
   their texts: verified pairs by keys.
4. :func:`components` on every verified pair with all the documents (and
   texts, which the spin view reads): one row per document, as
   :func:`neardup.cluster` returns.

:func:`components` may also run on parts of the corpus, in parallel: each
part gives the rows the whole gives its documents (up to the clusters'
numbering) when every verified pair, and every pair the spin view could
consider, lies inside one part. With the spin view off the parts are the
connected components of the verified pairs; with it on, of those pairs
and the spin view's candidates: :func:`spin_bands` gives each document's
bucket keys in the spin view, :func:`spin_pairs` the candidates of whole
buckets, and each part takes its own (``components(...,
spin_pairs=...)``) rather than bucketing again
(``examples/spark_dedup.py`` does all of it in Spark).

A document is named by a key the caller gives (a non-negative integer
column): keys order the records as they were read, so of a repeated id the
smallest key is kept. Each stage must get the same settings.

Spark has no unsigned integers: :func:`spark_types` turns a stage batch's
unsigned columns into signed ones of the same width (bits kept), and every
stage function takes such batches back.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Optional, Tuple, Union

import pyarrow as pa
import pyarrow.compute as pc

from . import _neardup

Batches = Union[pa.Table, pa.RecordBatch, Iterable[Union[pa.Table, pa.RecordBatch]]]

SCHEMAS: dict = _neardup.schemas()
"""The stage batches' schemas: ``docs``, ``bands``, ``pairs`` and ``rows``."""

NO_SITE: int = -(1 << 63)
""":func:`sample_keys`' ``site`` of a row that tops the sample up with
nothing (no url, and a text under 256 bytes, too short for a frame): the
least int64, key 0 with its top bit flipped."""

_TEXTS = pa.schema([("key", pa.uint64()), ("text", pa.string())])


def _batch_list(data: Batches) -> list:
    if isinstance(data, pa.RecordBatch):
        return [data]
    if isinstance(data, pa.Table):
        return data.to_batches()
    out = []
    for d in data:
        out.extend(_batch_list(d))
    return out


def _same_bits(a: pa.DataType, b: pa.DataType) -> bool:
    ints = pa.types.is_integer
    return ints(a) and ints(b) and a.bit_width == b.bit_width


def _column_as(col: pa.Array, t: pa.DataType) -> pa.Array:
    if col.type == t:
        return col
    if _same_bits(col.type, t):
        # Signed <-> unsigned of one width: the bits are the value.
        return pa.Array.from_buffers(t, len(col), col.buffers()[:2], col.null_count, col.offset)
    return pc.cast(col, t)


def _conform(data: Batches, schema: pa.Schema) -> list:
    """The batches with `schema`'s columns (found by name) in its types."""
    out = []
    for b in _batch_list(data):
        if b.schema.equals(schema):
            out.append(b)
            continue
        cols = []
        for f in schema:
            i = b.schema.get_field_index(f.name)
            if i < 0:
                raise _neardup.NeardupError(f"no column {f.name!r} (columns: {', '.join(b.schema.names)})")
            col = b.column(i)
            if isinstance(col, pa.ChunkedArray):
                col = col.combine_chunks()
            cols.append(_column_as(col, f.type))
        out.append(pa.RecordBatch.from_arrays(cols, schema=schema.with_metadata(None)))
    return out


def spark_types(batch: pa.RecordBatch) -> pa.RecordBatch:
    """``batch`` with every unsigned integer column as the signed type of
    the same width (bits kept: a key or hash above 2^63 turns negative), the
    types Spark's ``mapInArrow`` accepts. The stage functions take such
    batches back."""
    signed = {pa.uint8(): pa.int8(), pa.uint16(): pa.int16(), pa.uint32(): pa.int32(), pa.uint64(): pa.int64()}
    cols = [_column_as(c, signed.get(c.type, c.type)) for c in batch.columns]
    names = batch.schema.names
    return pa.RecordBatch.from_arrays(cols, names=names)


def _field(names: set, name: Optional[str], default: str) -> Optional[str]:
    # The defaults, like the command's, apply only where the field exists.
    return None if name == default and default not in names else name


def _skipped_table(rows: list) -> pa.Table:
    keys, ids, codes, reasons = (list(c) for c in zip(*rows)) if rows else ([], [], [], [])
    return pa.table({
        "key": pa.array(keys, pa.uint64()), "id": pa.array(ids, pa.string()),
        "code": pa.array(codes, pa.string()), "reason": pa.array(reasons, pa.string()),
    })


def boilerplate(
    data: Batches,
    id_field: str = "id",
    text_field: str = "text",
    url_field: Optional[str] = "url",
    total_text_bytes: Optional[int] = None,
    top_up: Optional[Tuple[int, Optional[int], Optional[int]]] = None,
    **settings: Any,
) -> bytes:
    """Learn the boilerplate (shingles on too many pages, per site) from a
    sample of records, as the command's sampling pass does: every text
    while they total at most the sample size (``df_sample_bytes``, 16 MiB),
    else those whose text hashes below the cut-off for the total. Returns
    the sorted shingle hashes as little-endian u64, for :func:`sign` and
    :func:`verify` in every task. Rows without an id or a text are not
    sampled, as in :func:`neardup.cluster`.

    For a corpus held in parts (a Spark job), give the corpus's
    ``total_text_bytes`` (the sum of :func:`text_bytes` over its parts),
    the depths of its site top-up, ``top_up=(depth, level, last)``
    (``depth`` and ``level`` as :func:`sample_depths` returned them,
    ``last`` the greatest ``site`` of :func:`sample_keys` that goes to
    ``level``, None for none), and only the sampled rows of every part
    (:func:`sample_keys` says how to find them: the rows under the cut-off
    and the site top-up): the set is then the one the whole corpus gives,
    and the command's. (The sampled rows alone would find a deeper top-up
    than the whole's, and a site's bar for its chrome depends on its
    depth.) Depths that do not fit the settings' rule are an error."""
    batches = _batch_list(data)
    names = set(batches[0].schema.names) if batches else set()
    url = _field(names, url_field, "url")
    return _neardup.boilerplate(batches, id_field, text_field, url, settings, total_text_bytes, top_up)


def text_bytes(data: Batches, id_field: str = "id", text_field: str = "text") -> int:
    """The bytes (UTF-8) of text of the rows that are documents (an id and
    a text): summed over a corpus's parts, the total the boilerplate
    sample is cut from."""
    return _neardup.text_bytes(_batch_list(data), id_field, text_field)


def sample_mask(
    data: Batches,
    total_text_bytes: int,
    id_field: str = "id",
    text_field: str = "text",
    **settings: Any,
) -> pa.BooleanArray:
    """Which rows (in order) are under the boilerplate sample's cut-off
    for a corpus with ``total_text_bytes`` of text: documents whose text
    hashes below it. That is the whole sample only when no site tops it
    up (``site_sample_pages=0``, or every site and frame with that many
    pages under the cut-off already); :func:`sample_keys` finds the whole
    sample."""
    batches = _batch_list(data)
    return _neardup.sample_mask(batches, id_field, text_field, total_text_bytes, settings)


def sample_keys(
    data: Batches,
    id_field: str = "id",
    text_field: str = "text",
    url_field: Optional[str] = "url",
    **settings: Any,
) -> pa.RecordBatch:
    """The boilerplate sample's keys of each row (in order): ``site``
    (int64, the group the row tops the sample up with: the key of its
    url's site, or for a row without a url the key of its frame, a hash of
    the first and last 64 bytes of its text, which the pages of one small
    site share), ``hash`` (int64, the text's sample hash) and ``len``
    (int64, the text's UTF-8 bytes). ``site`` and ``hash`` have their top
    bit flipped, so that the signed order of the columns is the unsigned
    order of the keys the command sorts by: sort and compare them as they
    are. A row without a url whose text is under 256 bytes has ``site``
    equal to :data:`NO_SITE` (``-2**63``, the least int64, which no group
    has). Rows that are not documents (no id or text) have nulls.

    ``neardup cluster`` samples, of a corpus with ``T`` bytes of text
    (the sum of ``len``):

    * the rows with ``hash <= sample_cut(T)``;
    * and the site top-up, of the sites (``site != NO_SITE``; a frame
      counts as a site here) with at
      least ``site_min_pages`` rows (:func:`sample_settings`): rank each
      such site's rows by ``hash`` (SQL's ``rank()``: ties share the lower
      rank); sum ``len`` by rank over the rows above the cut-off ranked at
      most ``site_sample_pages``, and give those sums in rank order to
      :func:`sample_depths`, which returns ``(depth, level, left)``. The
      rows above the cut-off ranked at most ``depth`` join the sample.
      With a ``level``: sum each site's ``len`` over its rows above the
      cut-off ranked above ``depth`` and at most ``level``; of the sites
      with such rows, ordered by ``site``, ``last`` is the greatest whose
      running sum is at most ``left`` (None when the first's is more).
      The rows above the cut-off ranked at most ``level`` of the sites up
      to ``last`` (``site <= last``) join the sample too.

    Hand those rows with ``total_text_bytes=T`` and ``top_up=(depth,
    level, last)`` to :func:`boilerplate` (``examples/spark_dedup.py``
    does it in Spark)."""
    batches = _batch_list(data)
    names = set(batches[0].schema.names) if batches else set()
    url = _field(names, url_field, "url")
    return _neardup.sample_keys(batches, id_field, text_field, url, settings)


def sample_cut(total_text_bytes: int, **settings: Any) -> int:
    """The boilerplate sample's cut-off for a corpus with
    ``total_text_bytes`` of text, in the order of :func:`sample_keys`'
    ``hash`` (top bit flipped): rows with ``hash <= cut`` are sampled
    (every row while the text is at most ``df_sample_bytes``)."""
    return _neardup.sample_cut(total_text_bytes, settings)


def sample_depths(
    added_by_rank: Iterable[int], total_text_bytes: int, **settings: Any
) -> Tuple[int, Optional[int], int]:
    """The depths of the site top-up (see :func:`sample_keys`) for a
    corpus with ``total_text_bytes`` of text: ``added_by_rank[r - 1]`` is
    the text (bytes) of the rows ranked ``r`` in their site and above the
    cut-off, summed over the sites with at least ``site_min_pages`` rows,
    for ``r`` from 1 to ``site_sample_pages`` (a rank with no rows counts
    0; ranks beyond are not read). Returns ``(depth, level, left)``:
    ``depth``, the deepest rank whose added text fits the budget
    (``site_sample_bytes``, or ``site_sample_share`` of the text when
    more), or 0 (no top-up) under ``site_min_pages``; ``level``, the rank
    the sites in a prefix by ``site`` go to with the ``left`` bytes of
    the budget (None: no deeper rank within ``site_sample_pages``), as
    the command chooses them. :func:`boilerplate` takes ``top_up=(depth,
    level, last)`` (ask for them also when no row is above the cut-off:
    all sums 0)."""
    return _neardup.sample_depths([int(n) for n in added_by_rank], total_text_bytes, settings)


def sample_settings(**settings: Any) -> dict:
    """The settings that size the boilerplate sample, the defaults filled
    in: ``df_sample_bytes``, ``site_sample_pages``, ``site_sample_bytes``,
    ``site_min_df`` and ``site_min_pages`` (the rows a site needs to take
    part in the top-up: ``site_min_df``, at least 2)."""
    return dict(_neardup.sample_settings(settings))


def sign(
    data: Batches,
    key_field: str = "key",
    id_field: str = "id",
    text_field: str = "text",
    date_field: Optional[str] = "date",
    url_field: Optional[str] = "url",
    *,
    boilerplate: bytes = b"",
    **settings: Any,
):
    """Sign records: returns ``(docs, bands, skipped)``.

    ``docs`` (``SCHEMAS["docs"]``, the columns of the command's
    ``docs/part-*.parquet``): per signed record its ``key``, ``id``,
    ``date``, counts, content hash, wire service and the signatures as
    little-endian bins. ``bands`` (``SCHEMAS["bands"]``): per document and
    LSH band its bucket key. ``skipped``: a table of ``key``, ``id``,
    ``code``, ``reason`` for the rows not signed (no id or text, too short).

    Fields are read as :func:`neardup.cluster` reads them; ``key_field`` is
    a non-negative integer column unique over the corpus (the record's
    place in input order). ``boilerplate`` is :func:`boilerplate`'s result,
    the same for every batch of a corpus.
    """
    batches = _batch_list(data)
    names = set(batches[0].schema.names) if batches else set()
    docs, bands, skipped = _neardup.sign(
        batches, key_field, id_field, text_field, _field(names, date_field, "date"),
        _field(names, url_field, "url"), boilerplate, settings,
    )
    return docs, bands, _skipped_table(skipped)


def verify(
    bands: Batches,
    docs: Batches,
    texts: Optional[Batches] = None,
    *,
    boilerplate: bytes = b"",
    **settings: Any,
) -> pa.RecordBatch:
    """Verify the candidate pairs of band rows: returns the verified pairs
    (``SCHEMAS["pairs"]``: keys ``a`` (first in id order) and ``b``, their
    scores, whether they were counted exactly).

    ``bands`` must hold whole buckets (every row of each ``(band,
    band_key)`` it has; any set of buckets, e.g. one band group, or a hash
    partition by ``(band, band_key)``): a large bucket yields pairs by id
    order. ``docs`` holds the signed rows of the documents the band rows
    name (more are fine, a row given twice too), first occurrences of an id
    only: a repeated id with a larger key must be dropped beforehand (the
    one-process run keeps the smallest key). ``texts`` has ``key`` and
    ``text`` columns: the pairs near a threshold are counted exactly on
    their texts, so it must hold those documents' texts, and only those are
    read (:func:`verify_texts` names them; one missing raises
    ``NeardupError`` rather than leave its pair to the estimate). A pair
    found in two groups comes back from both; :func:`components` keeps it
    once.
    """
    pairs, missing = _verify(bands, docs, texts, boilerplate, settings)
    _require(missing, "verify", "verify_texts")
    return pairs


def verify_texts(
    bands: Batches,
    docs: Batches,
    texts: Optional[Batches] = None,
    *,
    boilerplate: bytes = b"",
    **settings: Any,
) -> pa.UInt64Array:
    """The keys of the documents whose texts :func:`verify` reads on these
    band rows and documents (those in pairs near a threshold, a fraction of
    the candidates) and ``texts`` lacks, in order. An engine can ship just
    those texts to the verifying task instead of every document's."""
    return pa.array(_verify(bands, docs, texts, boilerplate, settings)[1], pa.uint64())


def _verify(bands, docs, texts, boilerplate, settings):
    return _neardup.verify(
        _conform(bands, SCHEMAS["bands"]), _conform(docs, SCHEMAS["docs"]),
        _texts(texts), boilerplate, settings,
    )


def spin_bands(docs: Batches, **settings: Any) -> pa.RecordBatch:
    """The spin view's band rows (``SCHEMAS["bands"]``) of signed documents:
    one row a band for each document in the view (``spin_shingles`` > 0);
    none when the view is off. Shuffle them by ``(band, band_key)`` and hand
    whole buckets to :func:`spin_pairs`."""
    return _neardup.spin_bands(_conform(docs, SCHEMAS["docs"]), settings)


def spin_pairs(
    bands: Batches,
    docs: Batches,
    groups: Optional[Batches] = None,
    **settings: Any,
) -> pa.Table:
    """The pairs of the spin view's buckets in ``bands`` (whole buckets of
    :func:`spin_bands`' rows) whose spin-signature estimate passes, as keys
    ``a`` (first in id order) and ``b``: the pairs that
    :func:`components`' spin view could align. They are not verified
    copies; they say which documents must be clustered in one part.

    ``docs`` holds the signed rows the band rows name. ``groups`` (``key``
    and ``group`` integer columns), when given, puts documents in groups,
    e.g. the connected components of the verified pairs: pairs inside one
    group are left out (one part holds them anyway), and a bucket whose
    documents are all of one group costs nothing, which matters because
    the copies of one story fill each other's buckets."""
    group_batches = None if groups is None else _batch_list(groups)
    a, b = _neardup.spin_pairs(
        _conform(bands, SCHEMAS["bands"]), _conform(docs, SCHEMAS["docs"]), group_batches, settings,
    )
    return pa.table({"a": pa.array(a, pa.uint64()), "b": pa.array(b, pa.uint64())})


def components_texts(
    docs: Batches,
    pairs: Batches,
    texts: Optional[Batches] = None,
    *,
    spin_pairs: Optional[Batches] = None,
    boilerplate: bytes = b"",
    **settings: Any,
) -> pa.UInt64Array:
    """The keys of the documents whose texts :func:`components` reads (the
    spin view aligns its candidate pairs on their texts) and ``texts``
    lacks, in order. Which pairs the spin view aligns can depend on what
    the alignments before it found, so ask again with the texts added until
    nothing is missing; ``components(..., fetch_texts=f)`` does that.
    ``spin_pairs`` as :func:`components` takes it."""
    return components_or_missing(docs, pairs, texts, spin_pairs=spin_pairs, boilerplate=boilerplate, **settings)[1]


def components_or_missing(
    docs: Batches,
    pairs: Batches,
    texts: Optional[Batches] = None,
    *,
    spin_pairs: Optional[Batches] = None,
    boilerplate: bytes = b"",
    **settings: Any,
) -> tuple:
    """One run of :func:`components` that never raises for a missing
    text: ``(rows, missing)``, the rows (a table) when every text the spin
    view read was given and ``missing`` is empty, else ``None`` and the keys
    of the texts it lacked (as :func:`components_texts` gives them). An
    engine that joins texts a round at a time calls this once per round,
    rather than :func:`components_texts` and then :func:`components`,
    which cluster the same part twice."""
    rows, _, missing = _neardup.components(
        _conform(docs, SCHEMAS["docs"]), _conform(pairs, SCHEMAS["pairs"]),
        _texts(texts), _spin(spin_pairs), boilerplate, settings,
    )
    if missing:
        return None, pa.array(missing, pa.uint64())
    return pa.Table.from_batches([rows]), pa.array([], pa.uint64())


_SPIN = pa.schema([("a", pa.uint64()), ("b", pa.uint64())])


def _spin(spin_pairs: Optional[Batches]) -> Optional[list]:
    return None if spin_pairs is None else _conform(spin_pairs, _SPIN)


# Rounds of fetch_texts before giving up: a round's requests come from
# alignments that the texts of the round before made possible.
_MAX_TEXT_ROUNDS = 16


def _texts(texts: Optional[Batches]) -> list:
    return [] if texts is None else _conform(texts, _TEXTS)


def _require(missing: list, stage: str, lister: str) -> None:
    """Raises when a stage read texts it was not given: its result is then
    not the command's."""
    if missing:
        raise _neardup.NeardupError(
            f"{stage} needs the texts of {len(missing)} documents that `texts` lacks (the first "
            f"key {missing[0]}): hand it those texts (neardup.{lister} lists the keys)")


def components(
    docs: Batches,
    pairs: Batches,
    texts: Optional[Batches] = None,
    *,
    fetch_texts: Optional[Callable[[pa.UInt64Array], Batches]] = None,
    spin_pairs: Optional[Batches] = None,
    return_skipped: bool = False,
    boilerplate: bytes = b"",
    **settings: Any,
):
    """Cluster documents by their verified pairs: stars around the kept
    copies inside the connected components, then the spin view. Returns
    one row per document, in id order, with :func:`neardup.cluster`'s
    columns.

    ``docs`` is every signed document (repeated ids are settled here: the
    smallest key is kept); ``pairs`` every group's verified pairs. The spin
    view reads the texts (``key`` and ``text`` columns) of the pairs it
    aligns, a few percent of the documents: give them as ``texts`` (all
    texts do too), or give ``fetch_texts``, a function from an array of
    keys to those texts, and only the ones needed are asked for
    (:func:`components_texts`), a round at a time. A text needed and not
    given raises ``NeardupError``: without it the result would not be the
    command's. With ``return_skipped=True`` the result is ``(rows,
    skipped)``, ``skipped`` the repeated ids left out (``key``, ``id``,
    ``code``, ``reason``).

    On one part of a larger corpus (a set of its connected components of
    verified pairs and spin candidates, see the module's notes), give
    ``spin_pairs``: the candidates of the whole corpus that name these
    documents (:func:`spin_pairs` over all its buckets, without
    ``groups``). The spin view then takes them instead of bucketing the
    part again: a bucket of more than 24 documents is paired as a chain
    that depends on every document in it, so the part alone could propose
    a pair the whole never did. A candidate naming a document that is not
    in ``docs`` raises ``NeardupError``.

    ``boilerplate`` is :func:`boilerplate`'s result, as :func:`sign` and
    :func:`verify` were given it: the spin view counts the shingles of the
    pairs it aligns as the signer made them, where an estimate sits near a
    bar (as :func:`verify` does), so without it a result can differ from
    the command's.
    """
    docs, pairs = _conform(docs, SCHEMAS["docs"]), _conform(pairs, SCHEMAS["pairs"])
    spin = _spin(spin_pairs)
    have = _texts(texts)
    # Each run says which texts it read and lacked; with fetch_texts the run
    # that lacked none is the result.
    for fetched in range(_MAX_TEXT_ROUNDS + 1):
        rows, repeated, missing = _neardup.components(docs, pairs, have, spin, boilerplate, settings)
        if not missing or fetch_texts is None:
            break
        if fetched == _MAX_TEXT_ROUNDS:
            raise _neardup.NeardupError(
                f"components still lacked texts after {_MAX_TEXT_ROUNDS} rounds of fetch_texts")
        have = have + _fetched(fetch_texts, missing)
    _require(missing, "components", "components_texts")
    table = pa.Table.from_batches([rows])
    return (table, _skipped_table(repeated)) if return_skipped else table


def _fetched(fetch_texts, need: list) -> list:
    """The texts `fetch_texts` gives for the keys `need`, all of them."""
    got = _conform(fetch_texts(pa.array(need, pa.uint64())), _TEXTS)
    found = set()
    for b in got:
        found.update(b.column(b.schema.get_field_index("key")).to_pylist())
    lacking = [k for k in need if k not in found]
    if lacking:
        raise _neardup.NeardupError(
            f"fetch_texts returned no text for {len(lacking)} of the {len(need)} keys "
            f"asked for (the first: {lacking[0]})")
    return got
