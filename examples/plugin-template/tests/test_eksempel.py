"""The format, tested with omstilling's public kit only (see conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

import omstilling_eksempel
from hypothesis import given
from hypothesis import strategies as st

from omstilling.hookspecs import BuildRequest
from omstilling.model import Programme
from omstilling.plugins import Plugins, load_plugins
from omstilling.testing import check_format_round_trip, check_parse_round_trip, check_plugin
from omstilling.testing import strategies as ost

FORMAT = omstilling_eksempel.FORMAT


def test_the_plugin_registers_cleanly() -> None:
    plugins = check_plugin(omstilling_eksempel, "eksempel")
    assert plugins.format("eksempel.milepaeler") is FORMAT


def test_the_installed_plugin_loads_through_its_entry_point() -> None:
    # strict (conftest.py): a plugin that fails to load raises instead of being listed
    plugins = load_plugins(only=["eksempel"])
    [info] = [info for info in plugins.info() if info.name == "eksempel"]
    assert info.distribution == "omstilling-eksempel"
    assert info.formats == ("eksempel.milepaeler",)
    assert plugins.format("eksempel.milepaeler") is FORMAT


def test_registered_for_one_test(register_plugin: Callable[..., Plugins]) -> None:
    plugins = register_plugin(omstilling_eksempel, "eksempel")
    assert plugins.format("eksempel.milepaeler") is FORMAT


@given(ost.programmes())
def test_what_the_format_reports_survives_parse(programme: Programme) -> None:
    report = check_format_round_trip(FORMAT, programme)
    assert len(report.sections[0].rows) == len(programme.milestones)


@given(ost.programmes(), st.data())
def test_what_a_participant_fills_in_is_read_back(
    programme: Programme, data: st.DataObject
) -> None:
    report = FORMAT.build(programme, BuildRequest())
    filled = data.draw(ost.filled_reports(report, {"milepaeler": ["antatt_ferdig", "utfort"]}))
    check_parse_round_trip(FORMAT, programme, filled)
