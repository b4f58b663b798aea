"""Chart widgets: pure views fed with frames and arrays (no SQL, no store).

- ``IntradayChart`` — 分时: price / average-price lines on the 241-slot grid, volume below.
- ``KLineChart`` — 日K: candles, MA5/10/20/60, volume, zoom and pan on x, y fitted to the view.
- ``OverlayChart`` — 叠加: several indices' % change on one axis.
- ``ChartStack`` — index buttons, F5 intraday ↔ daily, overlay toggle.
"""

from app.ui.charts.intraday import IntradayChart
from app.ui.charts.kline import KLineChart
from app.ui.charts.overlay import OverlayChart
from app.ui.charts.stack import INDEX_CHOICES, ChartStack

__all__ = ["INDEX_CHOICES", "ChartStack", "IntradayChart", "KLineChart", "OverlayChart"]
