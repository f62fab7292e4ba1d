from typing import Any, Optional

import pyarrow as pa

__version__: str

class NeardupError(ValueError): ...

def cluster(
    batches: list[pa.RecordBatch],
    id_field: str,
    text_field: str,
    date_field: Optional[str] = None,
    url_field: Optional[str] = None,
    settings: Optional[dict[str, Any]] = None,
) -> tuple[pa.RecordBatch, list[tuple[str, str, str]]]: ...
def explain(text_a: str, text_b: str, settings: Optional[dict[str, Any]] = None) -> str: ...
def boilerplate(
    batches: list[pa.RecordBatch],
    id_field: str,
    text_field: str,
    url_field: Optional[str] = None,
    settings: Optional[dict[str, Any]] = None,
    total_text_bytes: Optional[int] = None,
    top_up: Optional[tuple[int, Optional[int], Optional[int]]] = None,
) -> bytes: ...
def text_bytes(batches: list[pa.RecordBatch], id_field: str, text_field: str) -> int: ...
def sample_mask(
    batches: list[pa.RecordBatch],
    id_field: str,
    text_field: str,
    total_text_bytes: int,
    settings: Optional[dict[str, Any]] = None,
) -> pa.BooleanArray: ...
def sample_keys(
    batches: list[pa.RecordBatch],
    id_field: str,
    text_field: str,
    url_field: Optional[str] = None,
    settings: Optional[dict[str, Any]] = None,
) -> pa.RecordBatch: ...
def sample_cut(total_text_bytes: int, settings: Optional[dict[str, Any]] = None) -> int: ...
def sample_depths(
    added_by_rank: list[int], total_text_bytes: int, settings: Optional[dict[str, Any]] = None
) -> tuple[int, Optional[int], int]: ...
def sample_settings(settings: Optional[dict[str, Any]] = None) -> dict[str, int]: ...
def sign(
    batches: list[pa.RecordBatch],
    key_field: str,
    id_field: str,
    text_field: str,
    date_field: Optional[str] = None,
    url_field: Optional[str] = None,
    boilerplate: Optional[bytes] = None,
    settings: Optional[dict[str, Any]] = None,
) -> tuple[pa.RecordBatch, pa.RecordBatch, list[tuple[int, str, str, str]]]: ...
def verify(
    bands: list[pa.RecordBatch],
    docs: list[pa.RecordBatch],
    texts: list[pa.RecordBatch],
    boilerplate: Optional[bytes] = None,
    settings: Optional[dict[str, Any]] = None,
) -> tuple[pa.RecordBatch, list[int]]: ...
def components(
    docs: list[pa.RecordBatch],
    pairs: list[pa.RecordBatch],
    texts: list[pa.RecordBatch],
    spin: Optional[list[pa.RecordBatch]] = None,
    boilerplate: Optional[bytes] = None,
    settings: Optional[dict[str, Any]] = None,
) -> tuple[pa.RecordBatch, list[tuple[int, str, str, str]], list[int]]: ...
def schemas() -> dict[str, pa.Schema]: ...
