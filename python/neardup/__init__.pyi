from typing import Any, Iterable, Literal, Mapping, Optional, Union, overload

import pyarrow as pa

from ._neardup import NeardupError as NeardupError
from .stages import boilerplate as boilerplate
from .stages import sample_mask as sample_mask
from .stages import sample_keys as sample_keys
from .stages import sample_cut as sample_cut
from .stages import sample_depths as sample_depths
from .stages import NO_SITE as NO_SITE
from .stages import sample_settings as sample_settings
from .stages import text_bytes as text_bytes
from .stages import components as components
from .stages import components_texts as components_texts
from .stages import components_or_missing as components_or_missing
from .stages import spin_bands as spin_bands
from .stages import spin_pairs as spin_pairs
from .stages import sign as sign
from .stages import spark_types as spark_types
from .stages import verify as verify
from .stages import verify_texts as verify_texts

__version__: str

class NeardupWarning(UserWarning): ...

Data = Union[pa.Table, pa.RecordBatch, Iterable[Mapping[str, Any]]]

@overload
def cluster(
    data: Data,
    id_field: str = ...,
    text_field: str = ...,
    date_field: Optional[str] = ...,
    url_field: Optional[str] = ...,
    *,
    on_skip: Literal["warn", "raise", "ignore"] = ...,
    return_skipped: Literal[False] = ...,
    **settings: Any,
) -> pa.Table: ...
@overload
def cluster(
    data: Data,
    id_field: str = ...,
    text_field: str = ...,
    date_field: Optional[str] = ...,
    url_field: Optional[str] = ...,
    *,
    on_skip: Literal["warn", "raise", "ignore"] = ...,
    return_skipped: Literal[True],
    **settings: Any,
) -> tuple[pa.Table, pa.Table]: ...
def explain(text_a: str, text_b: str, **settings: Any) -> dict[str, Any]: ...
