"""Breadth and concentration panel: counts, 涨跌分布, session lines and index contributions."""

from app.ui.breadth.panel import BreadthPanel

__all__ = ["BreadthPanel"]
