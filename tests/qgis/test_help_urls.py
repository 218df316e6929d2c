"""Each algorithm's help button opens its own section of the README on the project's homepage."""
from __future__ import annotations

import configparser
import re
from pathlib import Path

import pytest

from rason_plugin.rason_processing.provider import algorithm_classes

ROOT = Path(__file__).resolve().parents[2]
# Algorithms whose module another change is reworking (project packaging, issue 10 item 5); until
# their HELP_ANCHOR lands, their help opens the README's top. Remove a name once it has one.
PENDING = {"packageproject"}


def github_slug(heading: str) -> str:
    """Return the anchor GitHub gives a Markdown heading's text.

    GitHub slugs the rendered text: inline markup goes (emphasis stars, code backticks, link
    targets), letters are lower-cased, every character that is not a letter, digit, space, hyphen
    or underscore is dropped, and each space becomes a hyphen (runs are not merged).
    """
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # [text](url) -> text
    text = text.replace("*", "").replace("`", "")
    text = "".join(ch for ch in text.lower() if ch.isalnum() or ch in " -_")
    return text.replace(" ", "-")


def readme_anchors() -> set:
    anchors, seen = set(), {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match:
            slug = github_slug(match.group(1))
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            anchors.add(slug if count == 0 else f"{slug}-{count}")  # GitHub numbers repeats
    return anchors


def homepage() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]["homepage"]


def test_slug_matches_githubs_rules_on_hand_worked_headings():
    # Worked by hand from the rules in github_slug's docstring.
    assert github_slug("Refresh from OpenStreetMap (`rason:refreshfromosm`)") == \
        "refresh-from-openstreetmap-rasonrefreshfromosm"
    # The arrow and the ellipsis are dropped, leaving the two spaces around the arrow: "--".
    assert github_slug("Reference layers: *Rason SEZ → Add reference layers…* (`rason:referencelayers`)") == \
        "reference-layers-rason-sez--add-reference-layers-rasonreferencelayers"
    assert github_slug("Performance (`make bench`)") == "performance-make-bench"


@pytest.mark.parametrize("cls", algorithm_classes(), ids=lambda cls: cls.NAME)
def test_help_url_points_at_a_readme_heading(cls):
    url = cls().helpUrl()
    if cls.NAME in PENDING:
        assert cls.HELP_ANCHOR == "", f"{cls.NAME} has an anchor now: remove it from PENDING"
        assert url == homepage()
    else:
        base, _, anchor = url.partition("#")
        assert base == homepage()
        assert anchor == cls.HELP_ANCHOR != ""
        assert anchor in readme_anchors(), f"{cls.NAME}: no README heading has the anchor {anchor!r}"
