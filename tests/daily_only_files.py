"""Made-up files in the formats of ../shared/realdata for a store with daily data only.

Eight East Money spot snapshots (akshare ``stock_zh_a_spot_em``, one per day at the close, main
board only), the index daily CSVs and two sector files, like the real ones a new user imports. The
rows are invented; the shapes of the last day (2026-08-21) are chosen to meet every case of a daily
review: a three-day streak, a 一字, a T字, a 炸板, a 跌停, a suspension, a blank 成交额 column and no
market values (so no share counts), East Money meta-boards beside a theme board, and a Tushare
stock_basic dated only by month.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

DAYS = ("2026-08-12", "2026-08-13", "2026-08-14", "2026-08-17", "2026-08-18", "2026-08-19",
        "2026-08-20", "2026-08-21")
DAY = DAYS[-1]
PRIOR = DAYS[-2]

# 24 main-board stocks: 12 SSE (60xxxx), 12 SZSE (00xxxx). Names are invented.
CODES = [f"60{3100 + i:04d}" for i in range(12)] + [f"00{2100 + i:04d}" for i in range(12)]
NAMES = {c: f"样本{i:02d}" for i, c in enumerate(CODES)}

STREAK = "603100"      # limit-up on 08-19, 08-20 and 08-21: a 3连板, opened below the limit
ONE_WORD = "603101"    # 一字 on 08-21 (open = high = low = close = limit-up)
T_WORD = "603102"      # T字 on 08-21 (open = close = limit-up, low below it)
BROKEN = "002100"      # touched limit-up on 08-21 and closed below it (炸板)
LIMIT_DOWN = "002101"  # closed at limit-down on 08-21
SUSPENDED = "002102"   # no trade on 08-21 (最新价 blank)

SPOT_HEADER = ["序号", "代码", "名称", "最新价", "涨跌幅", "涨跌额", "成交量", "成交额", "振幅", "最高",
               "最低", "今开", "昨收", "量比", "换手率", "市盈率-动态", "市净率", "总市值", "流通市值"]
INDEX_HEADER = ["date", "open", "close", "high", "low", "volume", "amount", "code"]
# (code, level on 2026-08-11, daily moves in % for 08-12 .. 08-21)
INDICES = {
    "sh000001": (3810.00, (0.3, -0.2, 0.5, 0.1, -0.4, 0.6, 0.2, -0.3)),
    "sz399001": (12200.00, (0.4, -0.5, 0.8, 0.0, -0.6, 0.9, 0.1, -0.5)),
}
THEME = ("算力概念", "BK9001")
META = (("融资融券", "BK9002"), ("富时罗素", "BK9003"), ("昨日高振幅", "BK9004"))


def _fen(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def limit_up(prev: Decimal) -> Decimal:
    """Main board, not ST: +10 % in fen, half-up."""
    return _fen(prev * Decimal("1.1"))


def limit_down(prev: Decimal) -> Decimal:
    return _fen(prev * Decimal("0.9"))


def _bars() -> dict[str, list[dict[str, Decimal | None]]]:
    """Per code, one bar (open, high, low, close, prev) per day of DAYS."""
    out: dict[str, list[dict[str, Decimal | None]]] = {}
    for i, code in enumerate(CODES):
        prev = Decimal(8 + i) + Decimal("0.37")
        bars = []
        for d, day in enumerate(DAYS):
            pct = Decimal(((i * 7 + d * 13) % 11) - 5) * Decimal("0.6")   # −3 % … +3 %
            close = _fen(prev * (1 + pct / 100))
            opn = _fen(prev * (1 + pct / 300))
            high, low = max(opn, close) + Decimal("0.05"), min(opn, close) - Decimal("0.05")
            up, down = limit_up(prev), limit_down(prev)
            if code == STREAK and day >= "2026-08-19":
                opn, low, high, close = _fen(prev * Decimal("1.03")), _fen(prev * Decimal("1.01")), up, up
            elif day == DAY and code == ONE_WORD:
                opn = high = low = close = up
            elif day == DAY and code == T_WORD:
                opn, high, close, low = up, up, up, _fen(prev * Decimal("1.04"))
            elif day == DAY and code == BROKEN:
                opn, high, low, close = _fen(prev * Decimal("1.02")), up, _fen(prev * Decimal("1.01")), \
                    _fen(prev * Decimal("1.06"))
            elif day == DAY and code == LIMIT_DOWN:
                opn, high, low, close = _fen(prev * Decimal("0.97")), _fen(prev * Decimal("0.98")), down, down
            high, low = min(high, up), max(low, down)
            bar = {"open": opn, "high": high, "low": low, "close": close, "prev": prev}
            if day == DAY and code == SUSPENDED:
                bar = {"open": None, "high": None, "low": None, "close": None, "prev": prev}
            bars.append(bar)
            prev = close if bar["close"] is not None else prev
        out[code] = bars
    return out


def write_spot_days(folder: Path) -> list[Path]:
    """One spot file per day; the last day's 成交额 column is blank, market values are blank on
    every day (no share counts)."""
    folder.mkdir(parents=True, exist_ok=True)
    bars = _bars()
    paths = []
    for d, day in enumerate(DAYS):
        path = folder / f"stock_zh_a_spot_em_{day}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(SPOT_HEADER)
            for n, code in enumerate(CODES, 1):
                b = bars[code][d]
                prev = b["prev"]
                if b["close"] is None:
                    w.writerow([n, code, NAMES[code], "", "", "", "0", "", "", "", "", "", prev,
                                "", "", "", "", "", ""])
                    continue
                close = b["close"]
                chg = close - prev
                lots = 10000 + 731 * n + 97 * d
                amount = "" if day == DAY else f"{float(close) * lots * 100:.2f}"
                w.writerow([n, code, NAMES[code], close, f"{chg / prev * 100:.2f}", chg, lots,
                            amount, "", b["high"], b["low"], b["open"], prev, "", "", "", "",
                            "", ""])
        paths.append(path)
    return paths


def expected_last_day() -> dict[str, object]:
    """What the last day's file says, worked out from the rows (not through the app)."""
    bars = _bars()
    up = down = flat = 0
    for code in CODES:
        b = bars[code][-1]
        if b["close"] is None:
            continue
        up += b["close"] > b["prev"]
        down += b["close"] < b["prev"]
        flat += b["close"] == b["prev"]
    return {"limit_up": {STREAK, ONE_WORD, T_WORD}, "broken": {BROKEN}, "limit_down": {LIMIT_DOWN},
            "up": up, "down": down, "flat": flat, "stocks": len(CODES) - 1}


def write_index_daily(folder: Path) -> list[Path]:
    """index_daily_{code}.csv for 2026-08-11 .. 2026-08-21 (the first row gives the prior close)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for code, (level, moves) in INDICES.items():
        path = folder / f"index_daily_{code}.csv"
        rows = [("2026-08-11", level)]
        for day, m in zip(DAYS, moves, strict=True):
            level = round(level * (1 + m / 100), 2)
            rows.append((day, level))
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(INDEX_HEADER)
            prev = rows[0][1]
            for day, close in rows:
                w.writerow([day, prev, close, round(max(prev, close) * 1.003, 2),
                            round(min(prev, close) * 0.997, 2), 300000000, 4.1e11, code])
                prev = close
        paths.append(path)
    return paths


def write_sectors(folder: Path) -> list[Path]:
    """An East Money membership file (a theme board and three meta-boards holding every stock) and
    a Tushare stock_basic dated only by month (2026-08)."""
    folder.mkdir(parents=True, exist_ok=True)
    em = folder / "eastmoney_board_membership_2026-08-01.csv"
    with em.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["板块名称", "板块代码", "代码", "名称"])
        for code in (STREAK, ONE_WORD, T_WORD, CODES[3], CODES[4]):
            w.writerow([THEME[0], THEME[1], code, NAMES[code]])
        for name, bk in META:
            for code in CODES:
                w.writerow([name, bk, code, NAMES[code]])
    ts = folder / "tushare_stock_basic_2026-08.csv"
    with ts.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["ts_code", "symbol", "name", "area", "industry", "list_date"])
        for i, code in enumerate(CODES):
            suffix = "SH" if code.startswith("6") else "SZ"
            w.writerow([f"{code}.{suffix}", code, NAMES[code], "深圳",
                        ("通信设备", "半导体", "银行")[i % 3], "20100105"])
    return [em, ts]


def write_all(folder: Path) -> list[Path]:
    """Every file, in the order a user would import them."""
    return (write_spot_days(folder / "spot") + write_index_daily(folder / "index")
            + write_sectors(folder / "sectors"))
