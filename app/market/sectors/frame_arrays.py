"""Columns of an enriched or summary frame as numpy arrays, missing values made explicit."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _bool_col(frame: pd.DataFrame, col: str) -> np.ndarray:
    """``col`` as a bool array, missing values False (a copy: callers may modify it)."""
    if col not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    series = frame[col]
    if series.dtype == bool:   # the usual case: no per-minute NA handling (fillna costs ~0.3 ms)
        return series.to_numpy(dtype=bool, copy=True)
    # Review columns joined on the limit-ups only are object dtype, mostly NaN.
    values = series.to_numpy(dtype=object)
    out = np.zeros(len(values), dtype=bool)
    have = pd.notna(values)
    out[have] = values[have].astype(bool)
    return out


def _floats(frame: pd.DataFrame, col: str, default: float = np.nan) -> np.ndarray:
    if col not in frame.columns:
        return np.full(len(frame), default, dtype=float)
    series = frame[col]
    if series.dtype.kind in "fiub":   # the usual case: no coercion
        return series.to_numpy(dtype=float, na_value=np.nan)
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)


def _ints(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.zeros(len(frame), dtype=np.int64)
    if frame[col].dtype.kind in "iub":
        return frame[col].to_numpy(dtype=np.int64)
    return np.nan_to_num(_floats(frame, col), nan=0.0).astype(np.int64)


def _ints_at(frame: pd.DataFrame, col: str, rows: np.ndarray) -> np.ndarray:
    """``col`` as int64 (missing 0) at positions ``rows``, zero elsewhere: the review columns
    (opens) are object dtype, NaN off the limit-ups, and converting all rows costs ~1 ms."""
    out = np.zeros(len(frame), dtype=np.int64)
    if col in frame.columns and len(rows):
        values = pd.to_numeric(frame[col].to_numpy(dtype=object)[rows], errors="coerce")
        out[rows] = np.nan_to_num(np.asarray(values, dtype=float), nan=0.0).astype(np.int64)
    return out


def _objects(frame: pd.DataFrame, col: str) -> np.ndarray:
    """An object array with None for missing values (NaN, pd.NA, None)."""
    if col not in frame.columns:
        return np.full(len(frame), None, dtype=object)
    out = frame[col].to_numpy(dtype=object, copy=True)
    out[pd.isna(out)] = None
    return out


def _strings(frame: pd.DataFrame, col: str, previous: np.ndarray | None = None) -> np.ndarray:
    """``col`` as an object array of str ('' when missing).

    Names and codes are fixed within a session: when they equal ``previous`` (the last minute's
    array) that array is returned as is, which saves a ~0.3 ms coercion and lets a comparison
    with the last minute stop at ``is``.
    """
    raw = frame[col].to_numpy(dtype=object)
    if previous is not None and len(previous) == len(raw) and bool((raw == previous).all()):
        return previous
    return frame[col].fillna("").astype(str).to_numpy(dtype=object)
