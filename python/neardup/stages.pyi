from typing import Any, Callable, Iterable, Literal, Optional, Tuple, Union, overload

import pyarrow as pa

Batches = Union[pa.Table, pa.RecordBatch, Iterable[Union[pa.Table, pa.RecordBatch]]]

SCHEMAS: dict[str, pa.Schema]
NO_SITE: int

def spark_types(batch: pa.RecordBatch) -> pa.RecordBatch: ...
def boilerplate(
    data: Batches,
    id_field: str = ...,
    text_field: str = ...,
    url_field: Optional[str] = ...,
    total_text_bytes: Optional[int] = ...,
    top_up: Optional[Tuple[int, Optional[int], Optional[int]]] = ...,
    **settings: Any,
) -> bytes: ...
def text_bytes(data: Batches, id_field: str = ..., text_field: str = ...) -> int: ...
def sample_mask(
    data: Batches,
    total_text_bytes: int,
    id_field: str = ...,
    text_field: str = ...,
    **settings: Any,
) -> pa.BooleanArray: ...
def sample_keys(
    data: Batches,
    id_field: str = ...,
    text_field: str = ...,
    url_field: Optional[str] = ...,
    **settings: Any,
) -> pa.RecordBatch: ...
def sample_cut(total_text_bytes: int, **settings: Any) -> int: ...
def sample_depths(
    added_by_rank: Iterable[int], total_text_bytes: int, **settings: Any
) -> Tuple[int, Optional[int], int]: ...
def sample_settings(**settings: Any) -> dict[str, int]: ...
def sign(
    data: Batches,
    key_field: str = ...,
    id_field: str = ...,
    text_field: str = ...,
    date_field: Optional[str] = ...,
    url_field: Optional[str] = ...,
    *,
    boilerplate: bytes = ...,
    **settings: Any,
) -> tuple[pa.RecordBatch, pa.RecordBatch, pa.Table]: ...
def verify(
    bands: Batches,
    docs: Batches,
    texts: Optional[Batches] = ...,
    *,
    boilerplate: bytes = ...,
    **settings: Any,
) -> pa.RecordBatch: ...
def verify_texts(
    bands: Batches,
    docs: Batches,
    texts: Optional[Batches] = ...,
    *,
    boilerplate: bytes = ...,
    **settings: Any,
) -> pa.UInt64Array: ...
def components_texts(
    docs: Batches,
    pairs: Batches,
    texts: Optional[Batches] = ...,
    *,
    spin_pairs: Optional[Batches] = ...,
    boilerplate: bytes = ...,
    **settings: Any,
) -> pa.UInt64Array: ...
def components_or_missing(
    docs: Batches,
    pairs: Batches,
    texts: Optional[Batches] = ...,
    *,
    spin_pairs: Optional[Batches] = ...,
    boilerplate: bytes = ...,
    **settings: Any,
) -> tuple[Optional[pa.Table], pa.UInt64Array]: ...
@overload
def components(
    docs: Batches,
    pairs: Batches,
    texts: Optional[Batches] = ...,
    *,
    fetch_texts: Optional[Callable[[pa.UInt64Array], Batches]] = ...,
    spin_pairs: Optional[Batches] = ...,
    return_skipped: Literal[False] = ...,
    boilerplate: bytes = ...,
    **settings: Any,
) -> pa.Table: ...
@overload
def components(
    docs: Batches,
    pairs: Batches,
    texts: Optional[Batches] = ...,
    *,
    fetch_texts: Optional[Callable[[pa.UInt64Array], Batches]] = ...,
    spin_pairs: Optional[Batches] = ...,
    return_skipped: Literal[True],
    boilerplate: bytes = ...,
    **settings: Any,
) -> tuple[pa.Table, pa.Table]: ...
