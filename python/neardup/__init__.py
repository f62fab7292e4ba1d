"""neardup: find near-duplicate text at crawl scale, and explain every match.

Arrow in, Arrow out, with the rules of the ``neardup`` command::

    import pyarrow as pa, neardup
    docs = pa.table({"id": ["a", "b"], "text": [story, story + " More."]})
    out = neardup.cluster(docs)                 # one row per document
    keep = docs.filter(out["is_origin"])        # one copy per cluster (rows are in id order)
    neardup.explain(story, other)["verdict"]

The pipeline's stages (``boilerplate``, ``sign``, ``verify``,
``components``, in :mod:`neardup.stages`) run apart over Arrow batches, for
engines such as Spark (docs/distributed.md). The work runs in Rust with the
GIL released, on all cores.
"""

from __future__ import annotations

import json
import warnings
from typing import Any, Iterable, Mapping, Optional, Union

import pyarrow as pa

from ._neardup import NeardupError, __version__
from ._neardup import cluster as _cluster
from ._neardup import explain as _explain
from .stages import (
    NO_SITE, boilerplate, components, components_or_missing, components_texts, sample_cut, sample_depths, sample_keys,
    sample_mask, sample_settings, sign, spark_types, spin_bands, spin_pairs, text_bytes, verify, verify_texts,
)

__all__ = [
    "cluster", "explain", "boilerplate", "sign", "verify", "verify_texts", "components",
    "components_texts", "components_or_missing", "spin_bands", "spin_pairs", "spark_types",
    "text_bytes", "sample_mask", "sample_keys", "sample_cut", "sample_depths", "sample_settings", "NO_SITE",
    "NeardupError", "NeardupWarning", "__version__",
]


class NeardupWarning(UserWarning):
    """Rows were left out of the clustering (see ``on_skip``)."""


Data = Union[pa.Table, pa.RecordBatch, Iterable[Mapping[str, Any]]]


def _batches(data: Data) -> list:
    if isinstance(data, pa.RecordBatch):
        return [data]
    if isinstance(data, pa.Table):
        return data.to_batches()
    if hasattr(data, "__arrow_c_stream__"):
        return pa.table(data).to_batches()
    return pa.Table.from_pylist(list(data)).to_batches()


def cluster(
    data: Data,
    id_field: str = "id",
    text_field: str = "text",
    date_field: Optional[str] = "date",
    url_field: Optional[str] = "url",
    *,
    on_skip: str = "warn",
    return_skipped: bool = False,
    **settings: Any,
):
    """Cluster near-duplicate documents.

    ``data`` is a ``pyarrow.Table`` or ``RecordBatch`` (or anything with
    ``__arrow_c_stream__``, or a list of dicts). Fields are found by name; a
    dotted name (``"metadata.id"``) reaches into struct columns. Ids may be
    strings or integers; dates timestamps, dates or ISO 8601 strings (the
    origin rule's first step); the URL's host is the site that boilerplate
    is learned per. As in the command, ``date`` and ``url`` are read when
    the table has them; pass ``None`` to ignore them.

    Returns a ``pyarrow.Table`` with one row per clustered document, in id
    order, with the columns of ``neardup cluster`` (docs/output.md): ``id``,
    ``cluster_id``, ``cluster_size``, ``is_origin``, ``origin_id``,
    ``relation``, ``jaccard``, ``containment``, ``origin_containment``,
    ``wire``, ``credit_dropped``, ``substituted``.

    Rows that cannot be clustered (null id or text, too short, a repeated
    id: the first is kept) are left out; ``on_skip`` says what then happens:
    ``"warn"`` (a ``NeardupWarning``), ``"raise"`` (``NeardupError``) or
    ``"ignore"``. With ``return_skipped=True`` the result is a pair
    ``(table, skipped)``, ``skipped`` a table of ``id``, ``code``, ``reason``.

    Settings use the library's names: ``profile`` (``"article"`` or
    ``"whole-text"``), ``threshold``, ``containment``, ``excerpts``,
    ``num_perm``, ``bands`` and ``rows`` (together), ``lsh_threshold``,
    ``shingle_size``, ``char_shingle_size``, ``min_words``, ``seed``,
    ``spin``, ``df_sample_bytes`` (the boilerplate sample's text, 16 MiB;
    the command's ``--df-sample-mb``), ``site_sample_pages`` and
    ``site_sample_bytes`` (the sample's top-up by small sites: up to 40
    pages a site within 16 MiB; ``--site-sample-pages``,
    ``--site-sample-mb``), the boilerplate rule's ``max_df``,
    ``min_df_count``, ``site_min_df`` and ``site_min_share`` (the
    command's options of those names), ``max_align_bytes`` (the most of
    each text the passage alignment reads, 4 MiB; 0: no cap). A bad value
    raises ``NeardupError`` naming the setting.
    """
    if on_skip not in ("warn", "raise", "ignore"):
        raise ValueError(f'on_skip must be "warn", "raise" or "ignore", got {on_skip!r}')
    batches = _batches(data)
    names = set(batches[0].schema.names) if batches else set()
    # The defaults, like the command's, apply only where the field exists.
    if date_field == "date" and "date" not in names:
        date_field = None
    if url_field == "url" and "url" not in names:
        url_field = None
    batch, skipped = _cluster(batches, id_field, text_field, date_field, url_field, settings)
    table = pa.Table.from_batches([batch])
    if skipped and on_skip != "ignore":
        first = "; ".join(f"{i}: {why}" for i, _, why in skipped[:3])
        message = f"{len(skipped)} rows not clustered ({first}{'; ...' if len(skipped) > 3 else ''})"
        if on_skip == "raise":
            raise NeardupError(message)
        warnings.warn(message, NeardupWarning, stacklevel=2)
    if return_skipped:
        ids, codes, reasons = (list(c) for c in zip(*skipped)) if skipped else ([], [], [])
        skipped_table = pa.table(
            {"id": pa.array(ids, pa.string()), "code": pa.array(codes, pa.string()),
             "reason": pa.array(reasons, pa.string())}
        )
        return table, skipped_table
    return table


def explain(text_a: str, text_b: str, **settings: Any) -> dict:
    """Explain two texts: the fields of ``neardup explain --format json``.

    The scores (estimated as clustering does, and exact), the relation each
    way, which would be kept and why, the aligned passages with offsets, and
    the verdict. Settings as for :func:`cluster`.
    """
    return json.loads(_explain(text_a, text_b, settings))
