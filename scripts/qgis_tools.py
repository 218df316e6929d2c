"""Helpers for scripts and tests that drive QGIS from outside: finding qgis_process, clean profiles."""
from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def qgis_process_executable() -> str:
    """Return a qgis_process that works here.

    Debian's ``/usr/bin/qgis_process`` wrapper passes ``--noversioncheck``, which 3.22 rejects; its
    real binary ``qgis_process.bin`` works. Other systems have a working ``qgis_process``.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("qgis_process", "qgis_process.bin"):
        exe = shutil.which(name)
        if not exe:
            continue
        probe = subprocess.run([exe, "--version"], capture_output=True, text=True, env=env, timeout=120)
        if probe.returncode == 0 and "QGIS" in probe.stdout:
            return exe
    raise FileNotFoundError("no working qgis_process or qgis_process.bin on PATH; run `make setup`")


def clean_qgis_env(home: Path, plugin_path: Path | None = None) -> dict:
    """Return an environment with a fresh HOME (so a fresh QGIS profile) and the plugin enabled.

    QGIS 3.22's qgis_process loads a plugin's provider only when the profile enables it.
    """
    profile_ini = home / ".local/share/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini"
    profile_ini.parent.mkdir(parents=True, exist_ok=True)
    if plugin_path is not None:
        profile_ini.write_text("[PythonPlugins]\nrason_plugin=true\n")
    env = dict(os.environ, HOME=str(home), QT_QPA_PLATFORM="offscreen")
    # pytest-qgis points these at its own settings folder, which would hide the fresh profile.
    for inherited in ("QGIS_PLUGINPATH", "QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(inherited, None)
    if plugin_path is not None:
        env["QGIS_PLUGINPATH"] = str(plugin_path)
    return env
