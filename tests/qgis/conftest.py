"""QGIS-side fixtures: the real plugin loaded through classFactory with pytest-qgis's iface."""
from __future__ import annotations

import pytest

# The processing registry owns the C++ provider but not its Python wrapper; without a reference
# here, Python may collect the wrapper and the registry then lists algorithms with empty ids.
_PROVIDERS_KEPT_ALIVE = []


@pytest.fixture(autouse=True)
def real_layer_tree_view(qgis_iface, monkeypatch):
    """Give pytest-qgis's stand-in iface a real layer tree view.

    Its layerTreeView() answers a MagicMock, which QGIS 3.44's result loader (runAndLoadResults,
    batch dialogs) hands to C++: a TypeError there fails the run, or aborts it inside a task.
    """
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    view = QgsLayerTreeView()
    view.setModel(QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), view))
    monkeypatch.setattr(qgis_iface, "layerTreeView", lambda: view, raising=False)
    yield view
    view.setModel(None)
    view.deleteLater()


@pytest.fixture
def rason_provider(qgis_app, qgis_processing):
    """Return a registered, live ``rason`` provider, registering one when none is there.

    Function-scoped on purpose: a plugin test's unload deletes the provider it owned. A provider
    whose algorithms no longer resolve (a husk left by a collected wrapper) is replaced.
    """
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("rason")
    if provider is not None and registry.algorithmById("rason:changedetection") is None:
        registry.removeProvider(provider)
        provider = None
    if provider is None:
        from rason_plugin.rason_processing.provider import RasonProvider

        provider = RasonProvider()
        _PROVIDERS_KEPT_ALIVE.append(provider)
        registry.addProvider(provider)
    return provider


@pytest.fixture
def loaded_plugin(qgis_iface, qgis_processing):
    """Yield the plugin as QGIS starts it (classFactory, initGui), unloading it afterwards."""
    from qgis.core import QgsApplication

    import rason_plugin

    registry = QgsApplication.processingRegistry()
    session_provider = registry.providerById("rason")
    if session_provider is not None:  # the plugin must own its provider during this test
        registry.removeProvider(session_provider)
    plugin = rason_plugin.classFactory(qgis_iface)
    plugin.initGui()
    yield plugin
    plugin.unload()


@pytest.fixture(scope="session")
def installed_plugin(tmp_path_factory, repo_root):
    """Return (plugins folder, zip member names): the built zip unpacked as the plugin manager does.

    Built once per run and shared by every test that installs the plugin.
    """
    import zipfile

    from package import build

    tmp = tmp_path_factory.mktemp("package")
    archive = build(tmp / "rason_plugin.zip", repo_root)
    plugins = tmp / "plugins"
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        zipped.extractall(plugins)
    return plugins, names
