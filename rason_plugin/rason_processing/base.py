"""Template for the plugin's algorithms: metadata from class attributes, one place for the icon."""
from __future__ import annotations

import functools

from qgis.core import (
    QgsField,
    QgsFields,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
)
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from ..paths import icon_path, read_metadata


class RasonAlgorithm(QgsProcessingAlgorithm):
    """Base of every ``rason:`` algorithm.

    Subclasses set ``NAME`` (lower-case id), ``DISPLAY_NAME``, ``GROUP``/``GROUP_ID``, ``HELP``
    (the help text shown in the dialog), ``HELP_ANCHOR`` (the README section the dialog's help
    button opens) and, for a Rason SEZ menu entry, ``MENU_TEXT``.
    The texts are English, marked with ``tr_noop``; they are translated here, when shown, since
    the translator is installed after the classes are defined.
    """

    NAME = ""
    DISPLAY_NAME = ""
    GROUP = ""
    GROUP_ID = ""
    HELP = ""
    HELP_ANCHOR = ""  # GitHub's anchor of the algorithm's README heading
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

    def helpUrl(self):  # noqa: N802
        """Return the README section about this algorithm, on the homepage metadata.txt names."""
        return help_url(self.HELP_ANCHOR)

    def icon(self):
        return QIcon(icon_path(self.ICON))

    def createInstance(self):  # noqa: N802
        return type(self)()

    @staticmethod
    def fail(message: str) -> None:
        """Raise the error Processing shows to the user; ``message`` names the input and the fix."""
        raise QgsProcessingException(message)


@functools.cache
def _homepage() -> str:
    return read_metadata()["homepage"].rstrip("/")


def help_url(anchor: str) -> str:
    """Return the homepage URL (README) at ``anchor``, or the homepage itself without one."""
    return f"{_homepage()}#{anchor}" if anchor else _homepage()


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
    """Return QgsFields from ``(name, compat.FieldType member)`` pairs, in order."""
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, kind))
    return fields
