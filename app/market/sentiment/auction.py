"""竞价: the opening call auction of chosen groups of stocks.

The store's 09:30 slot is the opening-auction print (../shared/DOMAIN.md §5): its last price is the
day's open and its cumulative amount is the auction amount. Per stock:

- auction_pct = (open − prev_close) / prev_close × 100;
- auction_amount = cumulative amount at 09:30 (yuan);
- amount_ratio = auction_amount / the prior session's full-day amount (from daily bars).

Nothing is invented where a figure is missing: no 09:30 slot gives ``None`` for the whole section;
a stock without an auction print (suspended) or without a prior-day amount has NaN there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

AUCTION_SLOT = "09:30"

AUCTION_COLUMNS: tuple[str, ...] = ("auction_pct", "auction_amount", "prior_amount",
                                    "amount_ratio")


def auction_table(auction: pd.DataFrame, prior_amount: pd.Series) -> pd.DataFrame:
    """Per-symbol auction figures (``AUCTION_COLUMNS``), indexed like ``auction``.

    ``auction`` is the 09:30 snapshot indexed by symbol with open (or last), prev_close and
    amount; ``prior_amount`` the previous session's amount by symbol.
    """
    price_col = "open" if "open" in auction.columns else "last"
    opn = pd.to_numeric(auction[price_col], errors="coerce").to_numpy(dtype=float)
    if price_col == "open" and "last" in auction.columns:
        last = pd.to_numeric(auction["last"], errors="coerce").to_numpy(dtype=float)
        opn = np.where(np.isfinite(opn) & (opn > 0), opn, last)
    prev = pd.to_numeric(auction["prev_close"], errors="coerce").to_numpy(dtype=float)
    amt = pd.to_numeric(auction["amount"], errors="coerce").to_numpy(dtype=float)
    ok = np.isfinite(opn) & (opn > 0) & np.isfinite(prev) & (prev > 0)
    prior = pd.to_numeric(prior_amount, errors="coerce").reindex(auction.index).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(ok, (opn - prev) / np.where(ok, prev, 1.0) * 100.0, np.nan)
        amount = np.where(ok & np.isfinite(amt), amt, np.nan)
        ratio = np.where(np.isfinite(amount) & np.isfinite(prior) & (prior > 0),
                         amount / np.where(prior > 0, prior, 1.0), np.nan)
    return pd.DataFrame({"auction_pct": pct, "auction_amount": amount, "prior_amount": prior,
                         "amount_ratio": ratio}, index=auction.index)


@dataclass(frozen=True)
class AuctionGroup:
    """Auction figures of a group: members, members with an auction print, mean and median
    auction change, summed auction amount, summed prior-day amount of those members and the
    ratio of the two sums, and the median of the per-stock ratios."""

    n: int
    with_auction: int
    mean_pct: float
    median_pct: float
    amount: float
    prior_amount: float
    amount_ratio: float
    median_ratio: float


def auction_group(table: pd.DataFrame, members: pd.Index) -> AuctionGroup:
    sub = table.reindex(members)
    pct = sub["auction_pct"].to_numpy(dtype=float)
    has = np.isfinite(pct)
    amount = sub["auction_amount"].to_numpy(dtype=float)
    prior = sub["prior_amount"].to_numpy(dtype=float)
    both = has & np.isfinite(amount) & np.isfinite(prior) & (prior > 0)
    ratios = sub["amount_ratio"].to_numpy(dtype=float)
    ratios = ratios[np.isfinite(ratios)]
    a_sum = float(amount[both].sum()) if both.any() else float("nan")
    p_sum = float(prior[both].sum()) if both.any() else float("nan")
    return AuctionGroup(
        n=int(len(members)),
        with_auction=int(has.sum()),
        mean_pct=float(pct[has].mean()) if has.any() else float("nan"),
        median_pct=float(np.median(pct[has])) if has.any() else float("nan"),
        amount=float(np.nansum(amount[has])) if has.any() else float("nan"),
        prior_amount=p_sum,
        amount_ratio=a_sum / p_sum if both.any() and p_sum > 0 else float("nan"),
        median_ratio=float(np.median(ratios)) if len(ratios) else float("nan"),
    )


def auction_summary(auction: pd.DataFrame | None, prior_amount: pd.Series,
                    groups: dict[str, pd.Index]) -> dict[str, AuctionGroup] | None:
    """``AuctionGroup`` per named group, or None when the store has no auction snapshot."""
    if auction is None or auction.empty:
        return None
    table = auction_table(auction, prior_amount)
    return {key: auction_group(table, members) for key, members in groups.items()}
