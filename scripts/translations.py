#!/usr/bin/env python3
"""Update the plugin's Qt translation files from its source, then compile them (``make translations``).

Usage: translations.py [--no-compile]

1. Reads every ``rason_plugin/**/*.py`` and collects the literal argument of each ``tr("...")``
   and ``tr_noop("...")`` call (see ``rason_plugin/i18n.py``). Qt's own ``pylupdate5`` only knows
   ``self.tr``/``translate`` and is missing from QGIS 4 builds, so the extractor is ours.
2. Rewrites each ``rason_plugin/i18n/rason_<lang>.ts`` (Qt Linguist's XML): translations already
   there are kept, new strings come in as ``type="unfinished"``, strings the code no longer uses
   are kept as ``type="vanished"`` so a reworded string's old translation is still at hand.
3. Compiles each ``.ts`` into the ``.qm`` the plugin loads, with Qt's ``lrelease``
   (Debian: qttools5-dev-tools, installed here with apt when missing and we may).

The ``.qm`` files are committed, so installing the plugin never needs Qt's tools.
"""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "rason_plugin"
I18N_DIR = PACKAGE / "i18n"
CONTEXT = "RasonSEZ"
LANGUAGES = {"ko": "ko_KR"}  # file suffix -> the language Qt Linguist records
SKIP_DIRS = {"ext", "__pycache__"}
MARKERS = {"tr", "tr_noop"}
APT_PACKAGE = "qttools5-dev-tools"


@dataclass(frozen=True)
class Found:
    text: str
    path: str  # relative to the repository
    line: int


class ExtractionError(ValueError):
    """A tr() call whose text cannot be known from the source (e.g. an f-string)."""


def _marker_name(func) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return ""


def extract_file(path: Path, root: Path = ROOT) -> tuple:
    """Return ([Found], [problem]) for one module: translatable literals and misuses of tr()."""
    rel = path.relative_to(root).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found, problems = [], []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        where = f"{rel}:{node.lineno}"
        if isinstance(node.func, ast.Attribute) and node.func.attr in MARKERS:
            # self.tr() would look in another context (the class's) and is not extracted.
            problems.append(f"{where}: call tr()/tr_noop() imported from rason_plugin.i18n, "
                            f"not .{node.func.attr}()")
            continue
        name = _marker_name(node.func)
        if name not in MARKERS:
            continue
        if len(node.args) != 1 or node.keywords:
            problems.append(f"{where}: {name}() takes exactly one argument, the English text "
                            "(the context is always RasonSEZ)")
            continue
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            if not arg.value.strip():
                problems.append(f"{where}: {name}('') has nothing to translate")
            else:
                found.append(Found(arg.value, rel, node.lineno))
        elif name == "tr" and isinstance(arg, (ast.Name, ast.Attribute, ast.Subscript)):
            pass  # text marked elsewhere with tr_noop(), translated here when shown
        else:
            problems.append(f"{where}: {name}() needs a plain string literal; translate the template "
                            "and fill it afterwards: tr(\"... {x} ...\").format(x=...)")
    return found, problems


def extract(package: Path = PACKAGE, root: Path = ROOT) -> list:
    """Return every translatable string of the package, once each, in source order (file, line).

    Raises ExtractionError listing every tr() call whose text is not a literal.
    """
    seen, ordered, problems = set(), [], []
    for path in sorted(package.rglob("*.py")):
        if SKIP_DIRS.intersection(path.relative_to(package).parts):
            continue
        found, file_problems = extract_file(path, root)
        problems.extend(file_problems)
        for item in sorted(found, key=lambda f: f.line):
            if item.text not in seen:
                seen.add(item.text)
                ordered.append(item)
    if problems:
        raise ExtractionError("\n".join(problems))
    return ordered


@dataclass
class Message:
    source: str
    translation: str = ""
    kind: str = ""  # "", "unfinished", "vanished" or "obsolete"


def read_ts(path: Path) -> list:
    """Return the [Message] of a .ts file's RasonSEZ context, in file order ([] if no file)."""
    if not path.exists():
        return []
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        if (context.findtext("name") or "") != CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            messages.append(Message(
                source=message.findtext("source") or "",
                translation=(translation.text or "") if translation is not None else "",
                kind=translation.get("type", "") if translation is not None else "unfinished"))
    return messages


def merge(found: list, existing: list) -> list:
    """Return the messages for ``found`` (source order) with existing translations kept."""
    by_source = {m.source: m for m in existing}
    merged = []
    for item in found:
        old = by_source.get(item.text)
        if old is not None and old.translation:
            kind = "unfinished" if old.kind == "unfinished" else ""
            merged.append(Message(item.text, old.translation, kind))
        else:
            merged.append(Message(item.text, "", "unfinished"))
    wanted = {item.text for item in found}
    merged.extend(Message(m.source, m.translation, "vanished")
                  for m in existing if m.source not in wanted and m.translation)
    return merged


def ts_text(messages: list, language: str) -> str:
    """Return a Qt Linguist .ts document (TS 2.1) holding ``messages`` in one context."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{language}" sourcelanguage="en_US">',
             "<context>", f"    <name>{CONTEXT}</name>"]
    for m in messages:
        kind = f' type="{m.kind}"' if m.kind else ""
        lines += ["    <message>",
                  f"        <source>{escape(m.source)}</source>",
                  f"        <translation{kind}>{escape(m.translation)}</translation>",
                  "    </message>"]
    lines += ["</context>", "</TS>", ""]
    return "\n".join(lines)


def update_ts(path: Path, language: str, found: list) -> list:
    """Rewrite ``path`` for the strings ``found``; return the messages still unfinished."""
    messages = merge(found, read_ts(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(ts_text(messages, language), encoding="utf-8")
    os.replace(partial, path)
    return [m for m in messages if m.kind == "unfinished"]


def find_lrelease():
    """Return the path of Qt's lrelease, or None."""
    for name in ("lrelease", "lrelease-qt5", "lrelease-qt6", "/usr/lib/qt5/bin/lrelease",
                 "/usr/lib/qt6/bin/lrelease"):
        path = shutil.which(name)
        if path:
            return path
    return None


def ensure_lrelease():
    """Return lrelease's path, installing Debian's qttools5-dev-tools when we may; else exit."""
    found = find_lrelease()
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else (["sudo"] if shutil.which("sudo") else None)
    if sudo is None or not shutil.which("apt-get"):
        raise SystemExit(f"translations: Qt's lrelease is missing; install it ({APT_PACKAGE} on "
                         "Debian/Ubuntu, qt5-tools or qt6-tools elsewhere) and run make translations again")
    print(f"translations: installing {APT_PACKAGE} for lrelease")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", APT_PACKAGE],
                   check=True, env=env)
    found = find_lrelease()
    if not found:
        raise SystemExit(f"translations: {APT_PACKAGE} is installed but lrelease is not on PATH")
    return found


def compile_qm(ts: Path, lrelease: str) -> Path:
    """Compile ``ts`` into the .qm beside it (written whole, then moved into place)."""
    qm = ts.with_suffix(".qm")
    partial = qm.with_name(qm.stem + ".partial.qm")
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(partial)], check=True)
    os.replace(partial, qm)
    return qm


def main(argv: list) -> int:
    try:
        found = extract()
    except ExtractionError as error:
        print(f"translations: fix these tr() calls first:\n{error}", file=sys.stderr)
        return 1
    lrelease = None if "--no-compile" in argv else ensure_lrelease()
    for suffix, language in LANGUAGES.items():
        ts = I18N_DIR / f"rason_{suffix}.ts"
        unfinished = update_ts(ts, language, found)
        print(f"{ts.relative_to(ROOT)}: {len(found)} strings, {len(unfinished)} to translate")
        for m in unfinished:
            print(f"  untranslated: {m.source[:100]!r}")
        if lrelease:
            print(f"  compiled {compile_qm(ts, lrelease).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
