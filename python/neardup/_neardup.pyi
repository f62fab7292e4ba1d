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
