"""The Sentiment dock: gauge, 连板天梯 with breaks, promotion, yesterday's limit-ups, boards.

- ``SentimentDock`` (dock.py): the widget, ``set_data(report_or_result)``, signal ``stock_selected(str)``;
  its sections are mixins: gauge.py, ladder.py, tiers.py (promotion and yesterday's limit-ups),
  lines.py (seal, auction and breadth lines) and boards.py.
- ``PercentileBar`` (percentile_bar.py): the thin bar of a gauge component.
"""

from app.ui.sentiment.dock import SentimentDock
from app.ui.sentiment.percentile_bar import PercentileBar

__all__ = ["PercentileBar", "SentimentDock"]
