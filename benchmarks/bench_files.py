"""Load, validate and save a national-scale programme file, against a raw parse and
dump of the same file by the JSON and YAML libraries, measured in the same run.

    python -m benchmarks.bench_files            # 357 participants
    python -m benchmarks.bench_files --participants 10

Prints each time, the raw baseline, the ratio, and the peak memory of our path.
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import yaml

from omstilling.serialize import dumps, loads

from .national import national_programme


def _best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _peak_mb(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--participants", type=int, default=357)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    programme = national_programme(participants=args.participants)
    json_text = dumps(programme, "json")
    yaml_text = dumps(programme, "yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    raw = json.loads(json_text)
    print(
        f"programme: {len(programme.participants)} participants, "
        f"{len(programme.subprojects)} subprojects, {len(programme.milestones)} milestones; "
        f"JSON {len(json_text) / 2**20:.1f} MiB, YAML {len(yaml_text) / 2**20:.1f} MiB"
    )
    rows = [
        (
            "load JSON (parse + check)",
            lambda: loads(json_text, "json"),
            lambda: json.loads(json_text),
        ),
        (
            "save JSON",
            lambda: dumps(programme, "json"),
            lambda: json.dumps(raw, ensure_ascii=False, indent=2),
        ),
        (
            "load YAML (parse + check)",
            lambda: loads(yaml_text, "yaml"),
            lambda: yaml.load(yaml_text, Loader=loader),
        ),
        (
            "save YAML",
            lambda: dumps(programme, "yaml"),
            lambda: yaml.dump(raw, Dumper=dumper, allow_unicode=True, sort_keys=False),
        ),
    ]
    print(f"{'task':28} {'ours':>9} {'raw':>9} {'ratio':>7} {'peak MiB':>9}")
    for name, ours, baseline in rows:
        ours_s = _best(ours, args.repeat)
        raw_s = _best(baseline, args.repeat)
        peak = _peak_mb(ours)
        print(f"{name:28} {ours_s:8.3f}s {raw_s:8.3f}s {ours_s / raw_s:6.2f}x {peak:9.1f}")


if __name__ == "__main__":
    main()
