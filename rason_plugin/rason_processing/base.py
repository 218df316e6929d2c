"""Template for the plugin's algorithms: metadata from class attributes, one place for the icon."""
from __future__ import annotations

from qgis.core import (
    QgsField,
    QgsFields,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
)
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from ..paths import icon_path


class RasonAlgorithm(QgsProcessingAlgorithm):
    """Base of every ``rason:`` algorithm.

    Subclasses set ``NAME`` (lower-case id), ``DISPLAY_NAME``, ``GROUP``/``GROUP_ID``, ``HELP``
    (the help text shown in the dialog) and, for a Rason SEZ menu entry, ``MENU_TEXT``.
    The texts are English, marked with ``tr_noop``; they are translated here, when shown, since
    the translator is installed after the classes are defined.
    """

    NAME = ""
    DISPLAY_NAME = ""
    GROUP = ""
    GROUP_ID = ""
    HELP = ""
    MENU_TEXT = ""  # non-empty: the plugin adds a menu/toolbar action opening this algorithm
    ICON = "rason.svg"

    def name(self):
        return self.NAME

    def displayName(self):  # noqa: N802
        return tr(self.DISPLAY_NAME)

    def group(self):
        return tr(self.GROUP)

    def groupId(self):  # noqa: N802
        return self.GROUP_ID

    def shortHelpString(self):  # noqa: N802
        return tr(self.HELP)

    def icon(self):
        return QIcon(icon_path(self.ICON))

    def createInstance(self):  # noqa: N802
        return type(self)()

    @staticmethod
    def fail(message: str) -> None:
        """Raise the error Processing shows to the user; ``message`` names the input and the fix."""
        raise QgsProcessingException(message)


class KeptPostProcessor(QgsProcessingLayerPostProcessorInterface):
    """A layer post-processor kept alive until Processing has used it.

    Processing holds only a raw pointer to it and calls ``postProcessLayer`` once, when it loads
    the layer, so the Python object must live until then. Each instance made by ``create`` stays
    in ``alive`` until that call returns: several runs may be pending at once (batch mode) and
    nothing piles up over a session. Subclasses implement ``process``.
    """

    alive = set()

    @classmethod
    def create(cls, *args):
        processor = cls(*args)
        KeptPostProcessor.alive.add(processor)
        return processor

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS's name)
        try:
            self.process(layer, context, feedback)
        finally:
            KeptPostProcessor.alive.discard(self)

    def process(self, layer, context, feedback):
        raise NotImplementedError


def fields_from(spec) -> QgsFields:
    """Return QgsFields from ``(name, QVariant type)`` pairs, in order."""
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, kind))
    return fields
