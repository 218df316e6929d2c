"""The zip `make package` builds installs and loads in QGIS, and qgis_process lists its provider."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from qgis_tools import clean_qgis_env, qgis_process_executable

LOAD_SCRIPT = textwrap.dedent(
    """
    import sys
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, {plugins!r})
    sys.path.append({processing_path!r})
    import qgis.utils
    qgis.utils.plugin_paths = [{plugins!r}]
    qgis.utils.updateAvailablePlugins()
    print("available", "rason_plugin" in qgis.utils.available_plugins)
    print("name", qgis.utils.pluginMetadata("rason_plugin", "name"))
    from processing.core.Processing import Processing
    Processing.initialize()
    print("loaded", qgis.utils.loadPlugin("rason_plugin"))
    print("started", qgis.utils.startProcessingPlugin("rason_plugin"))
    import rason_plugin
    print("from", rason_plugin.__file__)
    provider = QgsApplication.processingRegistry().providerById("rason")
    print("provider", provider.name() if provider else None)
    print("icon", provider.svgIconPath() if provider else None)
    print("algorithms", len(provider.algorithms()) if provider else -1)
    """
)


def processing_plugins_dir() -> str:
    """Return the folder holding QGIS's bundled Python plugins (Processing among them)."""
    from qgis.core import QgsApplication

    return str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins")


def test_zip_holds_plugin_folder_with_metadata_and_resources(installed_plugin):
    _, names = installed_plugin
    assert {n.split("/")[0] for n in names} == {"rason_plugin"}
    for required in ("rason_plugin/__init__.py", "rason_plugin/metadata.txt",
                     "rason_plugin/resources/icons/rason.svg", "rason_plugin/LICENSE"):
        assert required in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    # pyais is vendored with its licence, so importais works where QGIS lacks it
    assert "rason_plugin/ext/pyais/__init__.py" in names
    assert "rason_plugin/ext/pyais-LICENSE.txt" in names


def test_qgis_plugin_loader_loads_the_installed_copy(installed_plugin, tmp_path):
    plugins, _ = installed_plugin
    script = tmp_path / "load.py"
    script.write_text(LOAD_SCRIPT.format(plugins=str(plugins), processing_path=processing_plugins_dir()))
    env = clean_qgis_env(tmp_path / "home")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=300)
    out = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert result.returncode == 0, result.stderr
    assert out["available"] == "True"
    assert out["name"] == "Rason SEZ Monitor"
    assert out["loaded"] == "True" and out["started"] == "True"
    assert out["from"].startswith(str(plugins))  # the zip's copy, not the repository's
    assert out["provider"] == "Rason SEZ"
    assert out["icon"].startswith(str(plugins / "rason_plugin" / "resources"))


def test_qgis_process_lists_the_provider(installed_plugin, tmp_path):
    plugins, _ = installed_plugin
    env = clean_qgis_env(tmp_path / "home", plugin_path=plugins)
    result = subprocess.run([qgis_process_executable(), "list"], capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    section = result.stdout.split("\nRason SEZ\n", 1)
    assert len(section) == 2, "no 'Rason SEZ' provider section in qgis_process list"
    listed = {line.split("\t")[1] for line in section[1].split("\n\n", 1)[0].splitlines()
              if line.startswith("\trason:")}
    from rason_plugin.rason_processing.provider import algorithm_classes, shipped_models

    expected = {f"rason:{cls.NAME}" for cls in algorithm_classes()}
    expected |= {f"rason:{model.name()}" for model in shipped_models()}
    assert listed == expected


def test_installed_copy_speaks_korean_in_qgis_process(installed_plugin, tmp_path):
    # qgis_process creates the provider without a GUI: the plugin must install its translator in
    # initProcessing, from the profile's locale. Expected names come from the .ts file.
    import translations

    from rason_plugin.i18n import I18N_DIR

    plugins, names = installed_plugin
    assert "rason_plugin/i18n/rason_ko.qm" in names  # compiled and shipped: no Qt tools at install
    korean = {m.source: m.translation for m in translations.read_ts(I18N_DIR / "rason_ko.ts")}
    home = tmp_path / "home"
    env = clean_qgis_env(home, plugin_path=plugins)
    ini = home / ".local/share/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini"
    ini.write_text(ini.read_text() + "\n[locale]\nuserLocale=ko_KR\n")
    result = subprocess.run([qgis_process_executable(), "list"], capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    section = result.stdout.split(f"\n{korean['Rason SEZ']}\n", 1)
    assert len(section) == 2, "no Korean provider section in qgis_process list"
    listed = dict(line.split("\t")[1:3] for line in section[1].split("\n\n", 1)[0].splitlines()
                  if line.startswith("\trason:"))
    assert listed["rason:changedetection"] == korean["Change detection"]
    assert listed["rason:portcalls"] == korean["Port calls from AIS positions"]
