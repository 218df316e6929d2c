"""The Korean translation is complete, keeps every placeholder, and matches the strings in the code.

These read the .ts file and the source only (no QGIS). Whether the compiled .qm matches the .ts,
and whether the plugin shows Korean, is checked with Qt in tests/qgis/test_translations_qgis.py.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest
import translations  # scripts/translations.py, the extractor behind `make translations`

from rason_plugin.i18n import I18N_DIR

TS = I18N_DIR / "rason_ko.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%L?\d+|%n")
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\s*/?>")


def active(messages):
    return [m for m in messages if m.kind not in ("vanished", "obsolete")]


@pytest.fixture(scope="module")
def korean():
    assert TS.is_file(), f"{TS} is missing; run make translations"
    return active(translations.read_ts(TS))


def markers(text: str) -> Counter:
    """Return the placeholders ({name}, {value:.3f}, %1) and HTML tags of ``text``, with counts."""
    tags = (tag.replace(" ", "") for tag in HTML_TAG.findall(text))
    return Counter(PLACEHOLDER.findall(text)) + Counter(tags)


def test_every_message_is_translated(korean):
    unfinished = [m.source[:80] for m in korean if m.kind == "unfinished" or not m.translation.strip()]
    assert korean, "the .ts file holds no message"
    assert unfinished == []


def test_translations_are_korean(korean):
    # Hangul syllables are U+AC00..U+D7A3. A message with a word outside its placeholders has
    # something to translate (even "Rason SEZ": 라선 경제특구), so a translation of it without
    # Hangul is English copied over. "{layer}: {change}: {name}" has no word and is exempt.
    hangul = re.compile("[\uac00-\ud7a3]")
    has_words = [m for m in korean if re.search("[A-Za-z]{2,}", PLACEHOLDER.sub("", m.source))]
    assert len(has_words) >= len(korean) - 1
    latin_only = [m.source[:80] for m in has_words if not hangul.search(m.translation)]
    assert latin_only == []


def test_translations_keep_placeholders_and_tags(korean):
    broken = [(m.source[:60], sorted((markers(m.source) - markers(m.translation)).elements()),
               sorted((markers(m.translation) - markers(m.source)).elements()))
              for m in korean if markers(m.source) != markers(m.translation)]
    assert broken == []


def test_marker_check_catches_a_lost_placeholder():
    # The check above compares these multisets; a translation dropping {path} must differ.
    assert markers("Cannot read {path}: {error}.") != markers("{error}: 읽을 수 없습니다.")
    assert markers("{value:.6g} of <b>x</b>") == markers("<b>x</b> 중 {value:.6g}")
    assert markers("<b>a</b>") != markers("<b>a")


def test_ts_covers_exactly_the_strings_in_the_code(korean):
    # Re-run the extractor: a tr() string added to the code and not to the .ts (or left in the
    # .ts after the code dropped it) fails here until `make translations` and a translation.
    in_code = [found.text for found in translations.extract()]
    in_ts = [m.source for m in korean]
    assert sorted(set(in_code) - set(in_ts)) == []
    assert sorted(set(in_ts) - set(in_code)) == []
    assert len(in_ts) == len(set(in_ts))


def test_extractor_reads_literals_and_rejects_runtime_text(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "ok.py").write_text(
        'from .i18n import tr, tr_noop\n'
        'NAME = tr_noop("Vessel tracks")\n'
        'def f(x, path):\n'
        '    print(tr("Cannot read {path}").format(path=path))\n'
        '    return tr(NAME), tr("Vessel tracks")\n', encoding="utf-8")
    found = translations.extract(package, tmp_path)
    # Hand count: two distinct literals; the second "Vessel tracks" is the same message.
    assert [(f.text, f.path, f.line) for f in found] == [
        ("Vessel tracks", "pkg/ok.py", 2), ("Cannot read {path}", "pkg/ok.py", 4)]

    (package / "bad.py").write_text(
        'from .i18n import tr\n'
        'def g(path):\n'
        '    return tr(f"Cannot read {path}") + tr("a " + "b") + self.tr("Ports")\n', encoding="utf-8")
    with pytest.raises(translations.ExtractionError) as error:
        translations.extract(package, tmp_path)
    assert str(error.value).count("pkg/bad.py:3") == 3


def test_update_keeps_translations_and_marks_new_strings(tmp_path):
    ts = tmp_path / "rason_ko.ts"
    ts.write_text(translations.ts_text([
        translations.Message("Ports", "항구"),
        translations.Message("Old text", "옛 문장"),
    ], "ko_KR"), encoding="utf-8")
    found = [translations.Found("Ports", "a.py", 1), translations.Found("New {x} & <b>", "a.py", 2)]
    unfinished = translations.update_ts(ts, "ko_KR", found)
    messages = translations.read_ts(ts)
    assert [(m.source, m.translation, m.kind) for m in messages] == [
        ("Ports", "항구", ""),
        ("New {x} & <b>", "", "unfinished"),
        ("Old text", "옛 문장", "vanished"),
    ]
    assert [m.source for m in unfinished] == ["New {x} & <b>"]
