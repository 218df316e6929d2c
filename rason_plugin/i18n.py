"""Translation of the plugin's user-visible text: ``tr()``, and the translator for the user's locale.

Every string a user reads goes through ``tr()``, in the single context ``RasonSEZ``.
``scripts/translations.py`` (``make translations``) finds the strings by reading the source: the
literal argument of each ``tr(...)`` or ``tr_noop(...)`` call. So:

- translate the template, then fill it: ``tr("Cannot read {path}").format(path=path)``;
  never ``tr(f"...")``, whose text is not known until it runs;
- text fixed at import (class attributes such as ``DISPLAY_NAME``, module-level option lists)
  is marked with ``tr_noop("...")`` and translated where it is shown, ``tr(self.DISPLAY_NAME)``,
  because the translator is installed after the modules are imported.

Qt is imported only when a string is translated, so modules that must stay importable without
QGIS (``layers/catalogue.py``) can still mark their strings.
"""
from __future__ import annotations

from .paths import PLUGIN_DIR

CONTEXT = "RasonSEZ"
I18N_DIR = PLUGIN_DIR / "i18n"
QM_PREFIX = "rason_"


def tr(text: str, context: str = CONTEXT) -> str:
    """Return ``text`` translated for the installed translator (``text`` itself when none has it)."""
    from qgis.PyQt.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def tr_noop(text: str) -> str:
    """Return ``text`` unchanged; marks it for extraction, to be passed through ``tr()`` when shown."""
    return text


def user_locale() -> str:
    """Return the locale QGIS's interface uses, e.g. ``ko_KR`` or ``en_US``.

    QGIS writes ``locale/userLocale`` at start-up whether or not the user overrides the system
    locale, so that plugins follow the interface; the system locale is the fallback.
    """
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QLocale

    value = QgsSettings().value("locale/userLocale", "") or ""
    return str(value) or QLocale.system().name()


def install_translator(locale: str | None = None):
    """Install the translation for ``locale`` (default: the user's) and return its QTranslator.

    Returns None when the plugin has no translation for that locale (English then shows).
    ``QTranslator.load`` falls back from ``rason_ko_KR.qm`` to ``rason_ko.qm``.
    """
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    locale = locale or user_locale()
    translator = QTranslator()
    if not translator.load(QM_PREFIX + locale, str(I18N_DIR)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator) -> None:
    """Uninstall a translator returned by ``install_translator`` (None is allowed)."""
    if translator is None:
        return
    from qgis.PyQt.QtCore import QCoreApplication

    QCoreApplication.removeTranslator(translator)
