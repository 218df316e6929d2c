"""The Korean translation loads: the compiled .qm matches the .ts, and the plugin shows Korean for ko.

The expected Korean always comes from rason_plugin/i18n/rason_ko.ts (the translator's file),
never from the plugin's own output.
"""
from __future__ import annotations

import pytest
import translations  # scripts/translations.py
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsSettings,
)
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from rason_plugin.i18n import CONTEXT, I18N_DIR, tr

LOCALE_KEY = "locale/userLocale"


@pytest.fixture(scope="module")
def korean() -> dict:
    messages = translations.read_ts(I18N_DIR / "rason_ko.ts")
    return {m.source: m.translation for m in messages if m.kind not in ("vanished", "obsolete")}


@pytest.fixture
def user_locale():
    """Yield a setter for QGIS's interface locale; the previous value is restored afterwards."""
    settings = QgsSettings()
    had = settings.contains(LOCALE_KEY)
    previous = settings.value(LOCALE_KEY)

    def set_locale(value):
        settings.setValue(LOCALE_KEY, value)

    yield set_locale
    if had:
        settings.setValue(LOCALE_KEY, previous)
    else:
        settings.remove(LOCALE_KEY)


@pytest.fixture
def plugin_for(qgis_iface, qgis_processing, user_locale):
    """Return a loader: the real plugin started (classFactory, initGui) under a given locale."""
    import rason_plugin

    started = []

    def start(locale):
        user_locale(locale)
        registry = QgsApplication.processingRegistry()
        existing = registry.providerById("rason")
        if existing is not None:  # the plugin must own the provider it is tested with
            registry.removeProvider(existing)
        plugin = rason_plugin.classFactory(qgis_iface)
        plugin.initGui()
        started.append(plugin)
        return plugin

    yield start
    for plugin in started:
        plugin.unload()


def test_compiled_qm_matches_the_ts(korean):
    # Loading the shipped .qm and asking it for every source of the .ts must give the .ts's
    # translation: a .ts edited without `make translations` (a stale .qm) fails here.
    # Asked through QCoreApplication.translate, the plugin's own path (PyQt's
    # QTranslator.translate takes ASCII only, and the sources hold "…", "²", "©").
    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "rason_ko.qm"))
    assert korean
    QCoreApplication.installTranslator(translator)
    try:
        stale = [source[:60] for source, translation in korean.items()
                 if QCoreApplication.translate(CONTEXT, source) != translation]
    finally:
        QCoreApplication.removeTranslator(translator)
    assert stale == []


def test_korean_locale_shows_korean_and_unload_restores_english(plugin_for, korean):
    plugin = plugin_for("ko_KR")  # QTranslator falls back from ko_KR to rason_ko.qm
    alg = QgsApplication.processingRegistry().algorithmById("rason:changedetection")
    from rason_plugin.rason_processing.change_detection_algorithm import ChangeDetectionAlgorithm

    assert alg.displayName() == korean["Change detection"] == "변화 탐지"
    assert alg.group() == korean["Imagery"]
    assert alg.shortHelpString() == korean[ChangeDetectionAlgorithm.HELP]
    assert alg.parameterDefinition("BEFORE").description() == korean["Before scene"]
    assert alg.parameterDefinition("METHOD").description() == korean["Method"]
    # Enum labels: index 3 is Difference (METHOD_KEYS[3] == "difference"); acronyms stay.
    assert alg.parameterDefinition("METHOD").options() == [
        "iMAD", "MAD", "CVA", korean["Difference"], korean["Log-ratio"]]
    assert plugin.provider.name() == korean["Rason SEZ"]
    assert plugin.menu.title() == korean["Rason SEZ"]
    assert plugin.actions[1].text() == korean["Change detection…"]

    # A message filled after translation: the placeholder takes the value, the rest is Korean.
    refresh = QgsApplication.processingRegistry().createAlgorithmById("rason:refreshfromosm")
    with pytest.raises(QgsProcessingException) as error:
        refresh.processAlgorithm({"URL": "", "FALLBACK_URL": ""}, QgsProcessingContext(),
                                 QgsProcessingFeedback())
    from rason_plugin.core.osm import DEFAULT_URL

    template = korean["URL is empty: give an Overpass API endpoint such as {url}"]
    assert str(error.value) == template.replace("{url}", DEFAULT_URL)

    plugin.unload()
    assert tr("Change detection") == "Change detection"  # the translator went with the plugin


def test_english_locale_stays_english(plugin_for):
    plugin_for("en_US")
    alg = QgsApplication.processingRegistry().algorithmById("rason:changedetection")
    assert alg.displayName() == "Change detection"
    assert alg.parameterDefinition("METHOD").description() == "Method"
    assert alg.parameterDefinition("METHOD").options()[3] == "Difference"


def test_reference_layer_names_follow_the_locale(korean):
    from rason_plugin.i18n import install_translator, remove_translator
    from rason_plugin.layers.catalogue import display_name

    translator = install_translator("ko")
    try:
        assert translator is not None
        assert display_name("monitoring_areas") == korean["Monitoring areas"] == "모니터링 구역"
    finally:
        remove_translator(translator)
    assert display_name("monitoring_areas") == "Monitoring areas"
    assert install_translator("fr_FR") is None  # no French: English stays, nothing installed
