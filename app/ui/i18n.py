"""The interface language: which one (zh / en), and loading its translation.

One language at a time, chosen once per process in this order: ``--lang`` (``request``), the
TIDEMARK_LANG environment variable, the View → Language choice kept in QSettings (``view/lang``),
the system locale. An unset, C or POSIX locale means Chinese: the analysts' desktops run without a
configured locale more often than with an English one. Source strings are English; Chinese comes
from resources/i18n/tidemark_zh_CN.qm, compiled from the .ts by scripts/setup.sh.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

LANGS = ("zh", "en")
SETTINGS_KEY = "view/lang"
I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
TS_FILE = I18N_DIR / "tidemark_zh_CN.ts"
QM_FILE = I18N_DIR / "tidemark_zh_CN.qm"

_state: dict[str, str | None] = {"requested": None, "current": None}
_installed: list[object] = []     # our translators in the application, removed on a switch


def normalise(value: object) -> str | None:
    """'zh', 'zh_CN', 'zh-Hans' → 'zh'; 'en', 'en_GB' → 'en'; anything else → None."""
    text = str(value or "").strip().lower().replace("-", "_")
    for lang in LANGS:
        if text == lang or text.startswith(lang + "_"):
            return lang
    return None


def request(lang: str | None) -> None:
    """``--lang`` of the command line: wins over everything else for this process."""
    _state["requested"] = normalise(lang)
    _state["current"] = None


def locale_lang() -> str:
    """The system locale's language: zh for a Chinese, unset, C or POSIX locale, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value and value.split(".")[0] not in ("C", "POSIX"):
            return normalise(value.split(":")[0]) or "en"
    if sys.platform.startswith(("win", "darwin")):
        from PySide6.QtCore import QLocale

        names = QLocale.system().uiLanguages() or [QLocale.system().name()]
        return normalise(names[0]) or "en"
    return "zh"


def saved_lang() -> str | None:
    """The View → Language choice, if any."""
    from PySide6.QtCore import QCoreApplication, QSettings

    s = QSettings() if QCoreApplication.instance() is not None else QSettings("Tidemark", "Tidemark")
    return normalise(s.value(SETTINGS_KEY, ""))


def save_lang(lang: str) -> None:
    from PySide6.QtCore import QSettings

    QSettings().setValue(SETTINGS_KEY, normalise(lang) or "zh")


def resolve(explicit: str | None = None) -> str:
    """The language to use: ``explicit``, ``--lang``, TIDEMARK_LANG, the saved choice, the locale."""
    return (normalise(explicit) or _state["requested"] or normalise(os.environ.get("TIDEMARK_LANG"))
            or saved_lang() or locale_lang())


def current() -> str:
    """The language the interface shows (fixed once the translator is installed)."""
    if _state["current"] is None:
        _state["current"] = resolve()
    return _state["current"]  # type: ignore[return-value]


def install(app: object, lang: str | None = None) -> str:
    """Install the translators of ``lang`` (default: ``resolve()``) into ``app`` in place of any
    installed before; returns 'zh' or 'en'. The window does it once at start (a change in the
    View menu applies on the next start); tests switch between the two.

    Chinese without its compiled .qm falls back to English with a warning, so that a label never
    mixes the two (the brief and the number formats follow ``current()``)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    lang = normalise(lang) or resolve()
    while _installed:
        app.removeTranslator(_installed.pop())  # type: ignore[attr-defined]
    if lang == "zh":
        ours = QTranslator(app)
        if ours.load(str(QM_FILE)):
            app.installTranslator(ours)  # type: ignore[attr-defined]
            _installed.append(ours)
            qt = QTranslator(app)         # Qt's own dialogs and buttons (OK, Cancel, file dialog)
            if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                app.installTranslator(qt)  # type: ignore[attr-defined]
                _installed.append(qt)
        else:
            sys.stderr.write(f"tidemark: {QM_FILE} is missing (run scripts/setup.sh to compile "
                             "the Chinese translation); showing English\n")
            lang = "en"
    _state["current"] = lang
    return lang
