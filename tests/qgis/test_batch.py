"""The toolbox's batch mode, driven through QGIS's own BatchAlgorithmDialog, over three scene pairs."""
from __future__ import annotations

import inspect

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

from sample_data import synthetic


@pytest.fixture(scope="module")
def three_pairs(tmp_path_factory):
    """Return three synthetic scene pairs (different seeds, so different noise and drift)."""
    pairs = []
    for seed in (1, 2, 3):
        folder = tmp_path_factory.mktemp(f"pair{seed}")
        scenes = synthetic.write_scene_pair(folder, None, seed=seed)
        pairs.append((scenes.before, scenes.after, scenes.truth))
    return pairs


@pytest.fixture
def batch_dialog(qgis_app, qgis_iface):
    """Yield a runner that fills QGIS's batch dialog with rows as a user would and runs it.

    The dialogs are closed and deleted even when a test fails, so no batch task outlives its test.
    """
    # (tests/qgis/conftest.py gives the stand-in iface a real layer tree view, which 3.44 needs)
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    dialogs = []

    def run(algorithm_id, rows):
        dialog, parameters = fill_and_run(algorithm_id, rows)
        dialogs.append(dialog)
        return dialog, parameters

    yield run
    from qgis.PyQt import sip

    for dialog in dialogs:
        if sip.isdeleted(dialog):  # newer QGIS deletes the dialog itself once its batch task ends
            continue
        dialog.close()
        dialog.deleteLater()
    qgis_app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # When a batch row fails, QGIS 3.22's dialog leaves its progress proxy task alive (a signal
    # connection holds it); the task then blocks the thread pool and pytest-qgis's exit waits
    # forever. Deleting it turns a failing row into a failing test instead of a hung run.
    import gc

    from qgis.core import QgsScopedProxyProgressTask

    for task in [obj for obj in gc.get_objects() if isinstance(obj, QgsScopedProxyProgressTask)]:
        sip.delete(task)


def fill_and_run(algorithm_id, rows):
    """Fill a batch dialog with ``rows`` (dicts of parameter values) as a user would, and run it."""
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog

    algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
    dialog = BatchAlgorithmDialog(algorithm)
    panel = dialog.mainWidget()
    panel.checkLoadLayersOnCompletion.setChecked(False)
    while panel.batchRowCount() < len(rows):
        panel.addRow()
    context = QgsProcessingContext()
    for row, values in enumerate(rows):
        for name, value in values.items():
            column = panel.parameter_to_column[name]
            definition = algorithm.parameterDefinition(name)
            if definition.isDestination():
                panel.tblParameters.cellWidget(row + 1, column).setValue(value)
            else:
                panel.wrappers[row][column].setParameterValue(value, context)
    # QGIS 3.30 (or so) added a required ``context`` argument; older releases have none.
    if "context" in inspect.signature(panel.parametersForRow).parameters:
        parameters = [panel.parametersForRow(row, context, warnOnInvalid=False) for row in range(len(rows))]
    else:
        parameters = [panel.parametersForRow(row, warnOnInvalid=False) for row in range(len(rows))]
    manager = QgsApplication.taskManager()
    before = {manager.taskId(task) for task in manager.tasks()}
    dialog.runAlgorithm()
    wait_for_batch(before)
    return dialog, parameters


def wait_for_batch(before, limit_s: float = 600.0):
    """Process events until the batch started after ``before`` (task ids then) has run every row.

    QGIS 3.22 runs a batch synchronously (no task); newer releases run each row as a background
    task, so the rows' outputs exist only once those tasks finish (and closing the dialog earlier
    deletes the feedback object under a running task). The batch's progress task is finished by
    the dialog itself, possibly only when it closes, so it counts as done at 100 %. Only this
    batch's tasks are waited for: a task other code left behind must not hang the test.
    """
    import time

    from qgis.core import QgsTask

    manager = QgsApplication.taskManager()
    done = (QgsTask.TaskStatus.Complete, QgsTask.TaskStatus.Terminated)
    deadline = time.monotonic() + limit_s

    def unfinished():
        new = [t for t in manager.tasks() if manager.taskId(t) not in before]
        return [t for t in new if t.status() not in done
                and not (t.metaObject().className() == "QgsProxyProgressTask" and t.progress() >= 100)]

    while unfinished():
        assert time.monotonic() < deadline, "the batch did not finish: " + ", ".join(
            f"{t.description()} status {int(t.status())} progress {t.progress():.0f} %" for t in unfinished())
        QgsApplication.processEvents()
        time.sleep(0.02)
    QgsApplication.processEvents()


def test_change_detection_batch_over_three_scene_pairs(rason_provider, qgis_iface, three_pairs, tmp_path,
                                                       batch_dialog):
    rows = [{"BEFORE": str(before), "AFTER": str(after), "METHOD": 0,
             "OUTPUT_MASK": str(tmp_path / f"mask_{i}.tif"),
             "OUTPUT_MAGNITUDE": str(tmp_path / f"stat_{i}.tif")}
            for i, (before, after, _) in enumerate(three_pairs)]
    _, parameters = batch_dialog("rason:changedetection", rows)
    assert all(ok for _, ok in parameters)
    import processing

    for i, (before, after, truth) in enumerate(three_pairs):
        batch_mask = gdal.Open(str(tmp_path / f"mask_{i}.tif")).ReadAsArray()
        single = processing.run("rason:changedetection", {
            "BEFORE": str(before), "AFTER": str(after), "METHOD": 0,
            "OUTPUT_MASK": str(tmp_path / f"single_mask_{i}.tif"),
            "OUTPUT_MAGNITUDE": str(tmp_path / f"single_stat_{i}.tif")},
            context=QgsProcessingContext(), feedback=QgsProcessingFeedback())
        np.testing.assert_array_equal(batch_mask, gdal.Open(single["OUTPUT_MASK"]).ReadAsArray())
        true_change = gdal.Open(str(truth)).ReadAsArray() == 1
        found = (batch_mask == 1) & true_change
        assert found.sum() >= 0.9 * true_change.sum()  # each row really ran on its own pair


def test_ais_import_batch_over_three_logs(rason_provider, qgis_iface, tmp_path, batch_dialog):
    from qgis.core import QgsVectorLayer

    from sample_data import synthetic_ais

    logs = []
    for seed in (11, 12, 13):
        folder = tmp_path / f"ais{seed}"
        folder.mkdir()
        logs.append(synthetic_ais.write_ais(folder, seed=seed))
    rows = [{"INPUT": str(log["nmea"]), "OUTPUT": str(tmp_path / f"positions_{i}.gpkg")}
            for i, log in enumerate(logs)]
    _, parameters = batch_dialog("rason:importais", rows)
    assert all(ok for _, ok in parameters)
    counts = [QgsVectorLayer(str(tmp_path / f"positions_{i}.gpkg"), "p", "ogr").featureCount()
              for i in range(3)]
    assert counts == [log["n_positions"] for log in logs]
