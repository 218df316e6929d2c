"""Helpers the QGIS algorithm tests share: a feedback that keeps every message, and a short run()."""
from __future__ import annotations


class RecordingFeedback:
    """Builds a QgsProcessingFeedback that keeps every message (created after QGIS starts)."""

    @staticmethod
    def make(cancel=False):
        from qgis.core import QgsProcessingFeedback

        class Feedback(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.infos, self.warnings = [], []

            def pushInfo(self, info):  # noqa: N802
                self.infos.append(info)

            def pushWarning(self, warning):  # noqa: N802
                self.warnings.append(warning)

        feedback = Feedback()
        if cancel:
            feedback.cancel()
        return feedback


def run(name, params, feedback=None):
    """Run ``rason:<name>`` through processing.run and return its results."""
    import processing

    return processing.run(f"rason:{name}", params, feedback=feedback)
