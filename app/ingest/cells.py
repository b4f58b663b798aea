"""Cell helpers shared by the column conversions: convert each distinct cell once, quote a bad one."""

from __future__ import annotations

import numpy as np
import pandas as pd


def show(value: object) -> str:
    """A cell as an error message quotes it, cut to 40 characters."""
    s = repr(value)
    return s if len(s) <= 40 else s[:37] + "...'"


def factorize(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """(codes, uniques in order of first appearance): convert each distinct cell once."""
    if not len(values):
        return np.zeros(0, dtype=np.int64), []
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), sort=False)
    return codes, [str(u) for u in uniques]


def first_row(codes: np.ndarray, k: int) -> int:
    """The first row holding distinct value ``k``: where its error is reported."""
    return int(np.argmax(codes == k))


def take(results: list, codes: np.ndarray) -> np.ndarray:
    """Per-distinct-value ``results`` spread back over the rows."""
    arr = np.empty(len(results), dtype=object)
    arr[:] = results
    return arr[codes] if len(codes) else np.empty(0, dtype=object)

