"""Run inside the QGIS desktop (qgis --code): take the README's screenshots, then quit.

Started by scripts/screenshots.sh under Xvfb with the plugin deployed into an isolated profile.
Reads RASON_SHOTS_DIR (where PNGs go) and RASON_DEMO_PROJECT (the demo's project to open).
"""
import os
from pathlib import Path

from qgis.PyQt.QtCore import QPoint, QTimer
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface, plugins

SHOTS = Path(os.environ["RASON_SHOTS_DIR"])
PROJECT = os.environ.get("RASON_DEMO_PROJECT", "")
steps = []


def step(delay_ms):
    def register(func):
        steps.append((delay_ms, func))
        return func
    return register


def grab_screen(name):
    QApplication.primaryScreen().grabWindow(0).save(str(SHOTS / name))


@step(6000)
def open_project():
    # Xvfb has no window manager to maximise with, so fill the screen by hand.
    iface.mainWindow().setGeometry(QApplication.primaryScreen().geometry())
    if PROJECT:
        iface.addProject(PROJECT)


@step(5000)
def show_menu():
    plugin = plugins.get("rason_plugin")
    if plugin is None:
        (SHOTS / "ERROR.txt").write_text("rason_plugin is not loaded in the desktop")
        QApplication.quit()
        return
    bar = iface.mainWindow().menuBar()
    action = plugin.menu.menuAction()
    bar.setActiveAction(action)


@step(1500)
def shoot_menu():
    grab_screen("qgis_rason_menu.png")
    iface.mainWindow().menuBar().setActiveAction(None)
    plugins["rason_plugin"].menu.hide()


@step(500)
def zoom_to_scene():
    from qgis.core import QgsProject

    scenes = [layer for layer in QgsProject.instance().mapLayers().values()
              if layer.name().startswith("Synthetic after scene")]
    if scenes:
        iface.mapCanvas().setExtent(scenes[0].extent())
    iface.layerTreeView().collapseAllNodes()
    iface.mapCanvas().refreshAllLayers()


@step(4000)
def shoot_map():
    grab_screen("qgis_demo_map.png")


@step(500)
def open_dialog():
    import processing

    global dialog
    dialog = processing.createAlgorithmDialog("rason:changedetection", {})
    dialog.resize(1100, 760)
    dialog.move(QPoint(120, 60))
    dialog.show()


@step(2500)
def shoot_dialog():
    dialog.grab().save(str(SHOTS / "qgis_change_detection_dialog.png"))
    dialog.close()


@step(500)
def finish():
    QApplication.quit()


def run_steps(index=0):
    if index >= len(steps):
        return
    delay, func = steps[index]

    def fire():
        try:
            func()
        except Exception as error:  # a screenshot run must end, whatever broke
            (SHOTS / "ERROR.txt").write_text(f"{func.__name__}: {error!r}")
            QApplication.quit()
            return
        run_steps(index + 1)

    QTimer.singleShot(delay, fire)


run_steps()
