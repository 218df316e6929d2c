"""The plugin object QGIS drives: Processing provider, "Rason SEZ" menu and toolbar."""
from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QAction, QMenu

from .i18n import install_translator, remove_translator, tr, tr_noop
from .rason_processing.provider import PROVIDER_ID, RasonProvider, algorithm_classes

MENU_TITLE = tr_noop("Rason SEZ")
TOOLBAR_OBJECT_NAME = "RasonSEZToolbar"


class RasonPlugin:
    """Creates everything in ``initProcessing``/``initGui`` and removes all of it in ``unload``."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.menu = None
        self.toolbar = None
        self.actions = []
        self.translator = None

    # Processing ----------------------------------------------------------------------------
    def initProcessing(self):  # noqa: N802 (QGIS calls it by this name)
        """Register the provider once; QGIS calls this for qgis_process too, without a GUI."""
        # Before any algorithm exists, so qgis_process shows translated names and help too.
        if self.translator is None:
            self.translator = install_translator()
        if self.provider is None:
            self.provider = RasonProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    # GUI -----------------------------------------------------------------------------------
    def initGui(self):  # noqa: N802
        self.initProcessing()
        main_window = self.iface.mainWindow()
        self.menu = QMenu(tr(MENU_TITLE), main_window)
        self.menu.setObjectName("RasonSEZMenu")
        # Text, not icon, in the menu bar; placed before Help like QGIS's own menus.
        menu_bar = main_window.menuBar()
        help_menu = next((a for a in menu_bar.actions()
                          if a.menu() is not None and a.menu().objectName() == "mHelpMenu"), None)
        if help_menu is not None:
            menu_bar.insertMenu(help_menu, self.menu)
        else:
            menu_bar.addMenu(self.menu)
        self.toolbar = self.iface.addToolBar(tr(MENU_TITLE))
        self.toolbar.setObjectName(TOOLBAR_OBJECT_NAME)
        # Menu order is the provider's order, which follows the analyst's workflow.
        for cls in algorithm_classes():
            if cls.MENU_TEXT:
                alg = self.provider.algorithm(cls.NAME)
                self._add_action(tr(cls.MENU_TEXT), alg.icon(), alg.id())

    def _add_action(self, text, icon, algorithm_id):
        action = QAction(icon, text, self.iface.mainWindow())
        action.setObjectName(f"rason_action_{algorithm_id.split(':', 1)[-1]}")
        action.triggered.connect(lambda _checked=False, a=algorithm_id: self.open_algorithm(a))
        self.menu.addAction(action)
        self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    @staticmethod
    def open_algorithm(algorithm_id):
        """Open the Processing dialog of ``algorithm_id`` (e.g. ``rason:changedetection``)."""
        import processing  # QGIS's Processing plugin, present whenever the GUI is

        processing.execAlgorithmDialog(algorithm_id, {})

    def unload(self):
        for action in self.actions:
            if self.menu is not None:
                self.menu.removeAction(action)
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.deleteLater()
        self.actions = []
        if self.menu is not None:
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator(self.translator)
        self.translator = None
        from .layers.loader import release_reading_copy

        release_reading_copy()


__all__ = ["RasonPlugin", "PROVIDER_ID", "MENU_TITLE"]
