"""The programme file examples on the model's page load as they stand: each is a part
of a programme file that adds to the page's first example."""

from __future__ import annotations

import re
from typing import Any

import pytest
from ruamel.yaml import YAML

from omstilling.files import dumps, from_data, loads

from .conftest import ROOT

PAGE = ROOT / "docs" / "model.rst"


def _yaml_blocks() -> list[str]:
    text = PAGE.read_text(encoding="utf-8")
    blocks = re.findall(r"^\.\. code-block:: yaml\n\n((?:   .*\n|\n)+)", text, re.MULTILINE)
    return [re.sub(r"^   ", "", block, flags=re.MULTILINE) for block in blocks]


def _mapping(text: str) -> dict[str, Any]:
    found = YAML(typ="safe", pure=True).load(text)
    assert isinstance(found, dict)
    return found


BLOCKS = _yaml_blocks()
HEAD, PARTS = BLOCKS[0], BLOCKS[1:]


def test_the_page_has_its_beginning_and_a_part_per_new_type() -> None:
    assert "schema_version" in _mapping(HEAD)
    keys = {key for part in PARTS for key in _mapping(part)}
    # risks, deviations, benefits, economy, follow-up (decisions), succession
    # (organisations), a body as owner, subproject parents
    assert {"risks", "deviations", "benefits", "economy", "decisions", "owner"} <= keys
    assert {"organisations", "subprojects", "documents"} <= keys
    text = PAGE.read_text(encoding="utf-8")
    for term in ("risiko", "avvik", "gevinst", "vedtaksoppfølging", "fellesnemnd", "tilskudd"):
        assert term in text, term
    for source in ("Prosjektveiviseren", "Gevinstrealisering", "inndelingslova", "§ 26"):
        assert source in text, source
    assert "kommuneloven* § 13-1" in text


def _with(head: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    """``head`` with ``part`` added: lists extended, anything else set."""
    merged = dict(head)
    for key, value in part.items():
        if isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *value]
        else:
            merged[key] = value
    return merged


@pytest.mark.parametrize("number", range(len(PARTS)), ids=lambda n: f"example-{n + 2}")
def test_every_example_loads_added_to_the_beginning(number: int) -> None:
    part = _mapping(PARTS[number])
    data = _with(_mapping(HEAD), part)
    programme = from_data(data, source="docs/model.rst")
    for key, value in part.items():
        held = getattr(programme, key)
        if isinstance(value, list):
            # every item of the part is there, none lost on the way
            assert len(held) == len(_mapping(HEAD).get(key, [])) + len(value), key
            assert held
        else:
            assert held == value, key
    # and it round-trips
    assert loads(dumps(programme)) == programme
