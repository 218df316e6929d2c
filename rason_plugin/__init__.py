"""Rason SEZ Monitor: a QGIS plugin for watching the Rason Special Economic Zone."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    """Return the plugin instance QGIS asks for; imports stay lazy so loading is cheap."""
    from .plugin import RasonPlugin

    return RasonPlugin(iface)
