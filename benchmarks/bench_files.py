"""Load, validate and save a national-scale programme file, against a raw parse and
dump of the same file by the JSON and YAML libraries, measured in the same run.

    python -m benchmarks.bench_files            # 357 participants: JSON 27 MiB
    python -m benchmarks.bench_files --participants 10

The raw baselines are ``json`` and, when it is installed, ``orjson`` for JSON, and
``yaml_rs`` (yaml-rs, the fast parser the loader uses) when it is installed and
PyYAML's ``CSafeLoader``/``CSafeDumper`` (libyaml) for YAML. Loading, parse and check
together, has a target of at most 3 times the raw parse of the fastest parser of its
format measured in the run, and a peak memory of at most 2 times that parser's; the
other rows are reported only.

Each row prints the best CPU time of ``--repeat`` runs of our path and of the
baseline (run in turn, a round of each after the other, so that both see the same
load of a busy machine), the ratio, the target (``-`` where there is none), and the peak memory
that tracemalloc sees during one run of each (memory a parser allocates outside
Python's allocator, such as yaml-rs's own buffers, is not seen). Below the table, a
line for each target names the fastest baseline and says whether it was met.
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from collections.abc import Callable
from typing import Any, NamedTuple

import yaml

from omstilling.files import dumps, loads

from .national import national_programme

LOAD_TARGET = 3.0
"""Loading and checking a file should take at most this many times the raw parse of
the fastest parser of its format."""

MEMORY_TARGET = 2.0
"""The peak memory of loading a file should be at most this many times that of the
raw parse of the fastest parser of its format."""


class Row(NamedTuple):
    """One line of the table: our path for ``task`` against one raw ``baseline``."""

    task: str
    baseline: str
    ours: Callable[[], Any]
    raw: Callable[[], Any]
    target: float | None = None
    """The time target, judged against the fastest baseline of the rows of ``task``."""


def _best(fns: list[Callable[[], Any]], repeat: int) -> list[float]:
    """The best CPU time of each of ``fns`` in ``repeat`` rounds, each round running
    every one of them once, in turn: a path and its baselines see the same load."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for index, fn in enumerate(fns):
            # CPU time, not wall time: the machine may be busy with other work
            start = time.process_time()
            fn()
            best[index] = min(best[index], time.process_time() - start)
    return best


def _peak_mb(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def _rows(participants: int) -> tuple[str, list[Row]]:
    """The heading line and the rows for a national programme of ``participants``."""
    programme = national_programme(participants=participants)
    json_text = dumps(programme, "json")
    yaml_text = dumps(programme, "yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    raw = json.loads(json_text)
    heading = (
        f"programme: {len(programme.participants)} participants, "
        f"{len(programme.subprojects)} subprojects, {len(programme.milestones)} milestones; "
        f"JSON {len(json_text) / 2**20:.1f} MiB, YAML {len(yaml_text) / 2**20:.1f} MiB"
    )
    load_json = "load JSON (parse + check)"
    save_json = "save JSON"
    rows = [
        Row(
            load_json,
            "json.loads",
            lambda: loads(json_text, "json"),
            lambda: json.loads(json_text),
            LOAD_TARGET,
        )
    ]
    try:
        import orjson
    except ImportError:  # orjson is in the dev extra only
        has_orjson = False
    else:
        has_orjson = True
    if has_orjson:
        rows.append(
            Row(
                load_json,
                "orjson.loads",
                rows[0].ours,
                lambda: orjson.loads(json_text),
                LOAD_TARGET,
            )
        )
    rows.append(
        Row(
            save_json,
            "json.dumps",
            lambda: dumps(programme, "json"),
            lambda: json.dumps(raw, ensure_ascii=False, indent=2),
        )
    )
    if has_orjson:
        rows.append(
            Row(
                save_json,
                "orjson.dumps",
                rows[-1].ours,
                lambda: orjson.dumps(raw, option=orjson.OPT_INDENT_2),
            )
        )
    load_yaml = "load YAML (parse + check)"
    try:
        import yaml_rs
    except ImportError:  # the loader falls back to PyYAML without it
        pass
    else:
        rows.append(
            Row(
                load_yaml,
                "yaml_rs.loads",
                lambda: loads(yaml_text, "yaml"),
                lambda: yaml_rs.loads(yaml_text, parse_datetime=False),
                LOAD_TARGET,
            )
        )
    rows += [
        Row(
            load_yaml,
            f"yaml {loader.__name__}",
            rows[-1].ours if rows[-1].task == load_yaml else lambda: loads(yaml_text, "yaml"),
            lambda: yaml.load(yaml_text, Loader=loader),
            LOAD_TARGET,
        ),
        Row(
            "save YAML",
            f"yaml {dumper.__name__}",
            lambda: dumps(programme, "yaml"),
            lambda: yaml.dump(raw, Dumper=dumper, allow_unicode=True, sort_keys=False),
        ),
    ]
    return heading, rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--participants", type=int, default=357)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    heading, rows = _rows(args.participants)
    print(heading)
    print(
        f"{'task':26}  {'baseline':17}  {'ours':>9}  {'raw':>9}  {'ratio':>7}  {'target':>6}  "
        f"{'peak MiB':>8}  {'raw peak':>8}"
    )
    measured: dict[Callable[[], Any], tuple[float, float]] = {}
    raw_times: dict[int, float] = {}
    # per task with a target: the row of the fastest baseline, its ratios
    fastest: dict[str, tuple[float, Row, float, float]] = {}
    for row in rows:
        if row.ours not in measured:  # one path, timed once for all its baselines
            group = [other for other in rows if other.ours is row.ours]
            ours_s, *raws = _best([row.ours, *(other.raw for other in group)], args.repeat)
            measured[row.ours] = (ours_s, _peak_mb(row.ours))
            raw_times.update(zip(map(id, group), raws, strict=True))
        ours_s, peak = measured[row.ours]
        raw_s = raw_times[id(row)]
        raw_peak = _peak_mb(row.raw)
        ratio = ours_s / raw_s
        target = "-" if row.target is None else f"<={row.target:g}x"
        print(
            f"{row.task:26}  {row.baseline:17}  {ours_s:8.3f}s  {raw_s:8.3f}s  {ratio:6.2f}x  "
            f"{target:>6}  {peak:8.1f}  {raw_peak:8.1f}"
        )
        if row.target is not None and (row.task not in fastest or raw_s < fastest[row.task][0]):
            fastest[row.task] = (raw_s, row, ratio, peak / raw_peak if raw_peak else 0.0)
    for task, (_raw_s, row, ratio, memory) in fastest.items():
        assert row.target is not None
        verdict = "met" if ratio <= row.target else "missed"
        print(
            f"  {task}: target <={row.target:g}x against {row.baseline}, the fastest: "
            f"{ratio:.2f}x, {verdict}"
        )
        verdict = "met" if memory <= MEMORY_TARGET else "missed"
        print(
            f"  {task}: peak memory <={MEMORY_TARGET:g}x {row.baseline}'s: {memory:.2f}x, {verdict}"
        )


if __name__ == "__main__":
    main()
