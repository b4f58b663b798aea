"""Time scrubber: a slider over the session's stored minutes, step keys, and play/pause."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

PLAY_SPEEDS = (1, 10, 60)          # session minutes per wall-clock minute... scaled below


class TimeScrubber(QWidget):
    """Emits ``time_changed('HH:MM')`` when the user moves through the session."""

    time_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._times: list[str] = []
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.play = QPushButton(self.tr("▶ Play"), self)
        self.play.setCheckable(True)
        self.speed = QComboBox(self)
        for s in PLAY_SPEEDS:
            self.speed.addItem(f"{s}×", s)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setMinimumWidth(260)
        self.label = QLabel("--:--", self)
        self.label.setMinimumWidth(44)
        for w in (self.play, self.speed, self.slider, self.label):
            lay.addWidget(w)
        self.slider.valueChanged.connect(self._moved)
        self.play.toggled.connect(self._toggle_play)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        for key, step in ((Qt.Key.Key_Left, -1), (Qt.Key.Key_Right, 1)):
            sc = QShortcut(QKeySequence(key), self.window() or self)
            sc.activated.connect(lambda s=step: self.step(s))
        QShortcut(QKeySequence(Qt.Key.Key_Home), self.window() or self).activated.connect(
            lambda: self.slider.setValue(0))
        QShortcut(QKeySequence(Qt.Key.Key_End), self.window() or self).activated.connect(
            lambda: self.slider.setValue(self.slider.maximum()))

    def set_times(self, times: list[str], current: str | None) -> None:
        self._times = list(times)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(self._times) - 1))
        idx = self._times.index(current) if current in self._times else len(self._times) - 1
        self.slider.setValue(max(0, idx))
        self.slider.blockSignals(False)
        self.label.setText(current or "--:--")

    def current(self) -> str | None:
        if not self._times:
            return None
        return self._times[self.slider.value()]

    def at_end(self) -> bool:
        return self.slider.value() >= self.slider.maximum()

    def step(self, n: int) -> None:
        self.slider.setValue(max(0, min(self.slider.maximum(), self.slider.value() + n)))

    def _moved(self, idx: int) -> None:
        if 0 <= idx < len(self._times):
            self.label.setText(self._times[idx])
            self.time_changed.emit(self._times[idx])

    def _toggle_play(self, on: bool) -> None:
        self.play.setText(self.tr("❚❚ Pause") if on else self.tr("▶ Play"))
        if on:
            if self.at_end():
                self.slider.setValue(0)
            # 1× = one session minute per second; 10× and 60× divide that.
            self._timer.start(int(1000 / int(self.speed.currentData())))
        else:
            self._timer.stop()

    def _tick(self) -> None:
        if self.at_end():
            self.play.setChecked(False)
            return
        self.step(1)
