"""The example format, tested with omstilling's public kit only."""

from __future__ import annotations

from collections.abc import Callable

import omstilling_eksempel
from hypothesis import given, settings

from omstilling.model import Programme
from omstilling.plugins import Plugins
from omstilling.report import Report
from omstilling.testing import check_export_round_trip, check_format_round_trip, check_plugin
from omstilling.testing import strategies as ost


def test_plugin_registers_cleanly() -> None:
    plugins = check_plugin(omstilling_eksempel, "eksempel")
    assert "eksempel.milepaeler" in plugins.formats()


def test_registered_for_one_test(register_plugin: Callable[..., Plugins]) -> None:
    plugins = register_plugin(omstilling_eksempel, "eksempel")
    assert plugins.format("eksempel.milepaeler") is omstilling_eksempel.FORMAT


@settings(max_examples=200)
@given(ost.programmes())
def test_what_the_format_reports_survives_parse(programme: Programme) -> None:
    report = check_format_round_trip(omstilling_eksempel.FORMAT, programme)
    assert len(report.sections[0].rows) == len(programme.milestones)


PLUGINS = check_plugin(omstilling_eksempel, "eksempel")


@settings(max_examples=200)
@given(ost.reports(omstilling_eksempel.SCHEMA))
def test_reports_survive_the_json_files(report: Report) -> None:
    exporter = PLUGINS.exporter(".json")
    importer = PLUGINS.importer(".json")
    assert check_export_round_trip(report, exporter, importer) == report
