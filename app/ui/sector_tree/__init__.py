"""Sector tree and limit-up review panels.

- ``SectorTreeWidget`` (view.py): filter buttons, search box and the tree; signals
  ``stock_selected(str)`` and ``sector_selected(str)``.
- ``SectorTreeModel`` (model.py): the QAbstractItemModel behind it.
- ``LimitBadgeDelegate`` (delegate.py): 涨停 / 一字 / 炸板 / 回封 / N连板 / 跌停 badges.
- ``LimitLadderWidget`` (ladder.py): the 连板梯队 with the seal rate; signal ``stock_selected(str)``.
"""

from app.ui.sector_tree.delegate import LimitBadgeDelegate
from app.ui.sector_tree.ladder import LimitLadderWidget
from app.ui.sector_tree.model import Col, SectorTreeModel
from app.ui.sector_tree.view import SectorTreeWidget

__all__ = ["Col", "LimitBadgeDelegate", "LimitLadderWidget", "SectorTreeModel", "SectorTreeWidget"]
