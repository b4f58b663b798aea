"""The session cube: minutes read once from the store, sliced afterwards, grown in live mode."""

from __future__ import annotations

import sqlite3

import numpy as np
import pandas as pd
import pytest

from app.store import queries
from app.store.schema import ensure_schema
from app.session.cube import QUOTE_COLUMNS, SessionCube
from app.store.reader import StoreReader


def _tiny_store(path, minutes=("09:30", "09:31", "09:32")) -> None:
    conn = sqlite3.connect(path)
    ensure_schema(conn)       # rows go in through the quotes view's triggers
    rows = []
    for i, t in enumerate(minutes):
        rows.append(("2026-06-02", t, "sh600000", 10.0 + i / 100, 10.0, 10.0, 10.5, 9.9, 100.0 * i,
                     1000.0 * i))
        # A suspended stock: a row with no price. An unknown symbol: dropped like an inner join.
        rows.append(("2026-06-02", t, "sz000001", None, 12.0, None, None, None, 0.0, 0.0))
        rows.append(("2026-06-02", t, "bj920999", 5.0, 5.0, 5.0, 5.0, 5.0, 1.0, 5.0))
    # sz300750 has a row only from the second minute on (listed late in the data feed).
    rows += [("2026-06-02", t, "sz300750", 200.0, 190.0, 195.0, 201.0, 194.0, 9.0, 1800.0)
             for t in minutes[1:]]
    conn.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    conn.commit()
    conn.close()


SYMBOLS = pd.Index(["sh600000", "sz000001", "sz300750"], name="symbol")


def test_a_minute_is_the_rows_stored_for_it(tmp_path):
    path = tmp_path / "q.sqlite"
    _tiny_store(path)
    conn = sqlite3.connect(path)
    cube = SessionCube(StoreReader(conn), "2026-06-02", SYMBOLS, ["09:30", "09:31", "09:32"])
    mask, cols = cube.minute("09:30")
    assert list(SYMBOLS[mask]) == ["sh600000", "sz000001"]          # sz300750 has no row yet
    assert cols["last"][0] == 10.0 and np.isnan(cols["last"][1]) and cols["prev_close"][1] == 12.0
    assert cube.loaded_times() == ["09:30"]
    mask, cols = cube.minute("09:32")
    assert list(SYMBOLS[mask]) == list(SYMBOLS) and cols["amount"][2] == 1800.0
    assert cols["last"][0] == 10.02
    assert set(cols) == set(QUOTE_COLUMNS)


def test_prefetch_reads_the_nearest_missing_minutes_first_and_stops(tmp_path):
    path = tmp_path / "q.sqlite"
    times = [f"09:{m:02d}" for m in range(30, 40)]
    _tiny_store(path, times)
    conn = sqlite3.connect(path)
    cube = SessionCube(StoreReader(conn), "2026-06-02", SYMBOLS, times)
    cube.ensure("09:35")
    assert cube.prefetch(around="09:35", minutes=2)
    assert cube.loaded_times() == ["09:34", "09:35", "09:36"]
    while cube.prefetch(around="09:35", minutes=2):
        pass
    assert cube.complete() and not cube.prefetch()


def test_live_minutes_extend_the_cube_and_the_newest_loaded_minute_is_read_again(tmp_path):
    path = tmp_path / "q.sqlite"
    _tiny_store(path, ["09:30", "09:31"])
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)    # as the viewer reads it
    cube = SessionCube(StoreReader(conn), "2026-06-02", SYMBOLS, ["09:30", "09:31"])
    cube.minute("09:30")
    cube.minute("09:31")
    writer = sqlite3.connect(path)
    writer.execute("UPDATE quotes SET last = 10.5 WHERE time = '09:31' AND symbol = 'sh600000'")
    writer.execute("INSERT INTO quotes VALUES ('2026-06-02', '09:32', 'sh600000', 10.6, 10.0, "
                   "10.0, 10.6, 9.9, 300, 3000)")
    writer.commit()
    assert cube.extend(queries.session_times(conn, "2026-06-02"))
    assert cube.times == ["09:30", "09:31", "09:32"]
    assert cube.loaded_times() == ["09:30"]
    rows_before = cube.columns["last"]
    assert cube.columns["last"] is rows_before      # no reallocation for a minute on the grid
    assert cube.minute("09:31")[1]["last"][0] == 10.5
    mask, cols = cube.minute("09:32")
    assert list(SYMBOLS[mask]) == ["sh600000"] and cols["last"][0] == 10.6
    assert cube.columns["last"] is rows_before and cube.complete()
    # A minute off the trading grid (an odd feed) has no slot in the store: refused.
    with pytest.raises(sqlite3.IntegrityError, match="241-slot session grid"):
        writer.execute("INSERT INTO quotes VALUES ('2026-06-02', '15:05', 'sh600000', 10.7, "
                       "10.0, 10.0, 10.7, 9.9, 400, 4000)")
    writer.rollback()
    cube.extend(queries.session_times(conn, "2026-06-02"))
    assert cube.times[-1] == "09:32" and cube.minute("09:32")[1]["last"][0] == 10.6


def test_the_newest_minute_is_read_again_only_when_its_rows_changed(tmp_path):
    """A writer that commits whole minutes costs no re-read; one that commits a minute in parts
    (more rows later) gets it read again."""
    path = tmp_path / "q.sqlite"
    _tiny_store(path, ["09:30", "09:31"])
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    cube = SessionCube(StoreReader(conn), "2026-06-02", SYMBOLS, ["09:30", "09:31"])
    cube.minute("09:31")
    writer = sqlite3.connect(path)
    writer.execute("INSERT INTO quotes VALUES ('2026-06-02', '09:32', 'sh600000', 10.6, 10.0, "
                   "10.0, 10.6, 9.9, 300, 3000)")
    writer.commit()
    assert not cube.extend(queries.session_times(conn, "2026-06-02"))
    assert cube.loaded_times() == ["09:31"]
    cube.minute("09:32")
    # The rest of 09:32 arrives with 09:33.
    writer.execute("INSERT INTO quotes VALUES ('2026-06-02', '09:32', 'sz300750', 201.0, 190.0, "
                   "195.0, 201.0, 194.0, 10, 2000)")
    writer.execute("INSERT INTO quotes VALUES ('2026-06-02', '09:33', 'sh600000', 10.7, 10.0, "
                   "10.0, 10.7, 9.9, 400, 4000)")
    writer.commit()
    assert cube.extend(queries.session_times(conn, "2026-06-02"))
    assert cube.loaded_times() == ["09:31"]
    mask, cols = cube.minute("09:32")
    assert list(SYMBOLS[mask]) == ["sh600000", "sz300750"] and cols["last"][1] == 201.0


def test_panels_equal_the_store_query(tmp_path):
    from app.session.review import session_panels

    path = tmp_path / "q.sqlite"
    _tiny_store(path, ["09:30", "09:31", "09:32"])
    conn = sqlite3.connect(path)
    cube = SessionCube(StoreReader(conn), "2026-06-02", SYMBOLS, ["09:30", "09:31", "09:32"])
    assert cube.load_all(at_most=5) and cube.complete()
    for positions in ([0, 2], [2], [1, 2]):
        last, high = cube.panels(np.array(positions))
        q_last, q_high = session_panels(StoreReader(conn), "2026-06-02", list(SYMBOLS[positions]))
        pd.testing.assert_frame_equal(last, q_last, check_names=False, check_column_type=False)
        pd.testing.assert_frame_equal(high, q_high, check_names=False, check_column_type=False)


def test_prices_come_back_bit_for_bit_and_a_finer_price_is_refused(tmp_path):
    path = tmp_path / "q.sqlite"
    _tiny_store(path, ["09:30", "09:31"])
    writer = sqlite3.connect(path)
    rng = np.random.default_rng(3)
    prices = np.round(rng.uniform(0.5, 2600, 500), 2).tolist() + [0.01, 10.01, 2599.99, 3.33]
    writer.executemany("INSERT INTO quotes VALUES ('2026-06-02', '09:30', ?, ?, ?, ?, ?, ?, 1, 1)",
                       [(f"sh{700000 + i}", p, p, p, p, p) for i, p in enumerate(prices)])
    writer.commit()
    # The store holds whole fen: a finer price is refused, not rounded.
    with pytest.raises(sqlite3.IntegrityError, match="whole number of fen"):
        writer.execute("UPDATE quotes SET high = 10.12345 WHERE time = '09:31' "
                       "AND symbol = 'sh600000'")
    writer.rollback()
    symbols = pd.Index([f"sh{700000 + i}" for i in range(len(prices))] + ["sh600000"])
    cube = SessionCube(StoreReader(sqlite3.connect(path)), "2026-06-02", symbols, ["09:30", "09:31"])
    mask, cols = cube.minute("09:30")
    assert cube.columns["last"].dtype == np.int32          # the compact store
    assert cols["last"][: len(prices)].tolist() == prices  # == on floats: bit for bit
    assert cols["high"][-1] == 10.5
    _, cols = cube.minute("09:31")
    assert cube.columns["high"].dtype == np.int32 and cols["high"][0] == 10.5
