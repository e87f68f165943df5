"""Start-up time: ``python -c "import omstilling"`` and ``omstilling --help``, against
a bare ``python -c pass`` measured in the same run, each the best of several fresh
processes (the machine may be shared: the best run is the least disturbed).

    python -m benchmarks.bench_startup
    python -m benchmarks.bench_startup --repeat 20 --imports

Prints each time, the extra milliseconds over the bare interpreter and the target:
at most 100 ms more than the bare interpreter for the import, at most 300 ms in all
for ``--help``. With ``--imports`` (or when a target is missed) it also lists the
imports ``--help`` spends the most time on, from ``python -X importtime``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

IMPORT_TARGET_MS = 100.0
"""The most ``import omstilling`` may add to the bare interpreter's start-up."""

HELP_TARGET_MS = 300.0
"""The most ``omstilling --help`` may take in all."""


def _help_command() -> list[str]:
    """The installed console script next to this interpreter, else ``-m omstilling.cli``."""
    script = Path(sys.executable).parent / ("omstilling.exe" if os.name == "nt" else "omstilling")
    if script.exists():
        return [str(script), "--help"]
    return [sys.executable, "-m", "omstilling.cli", "--help"]


def _best_ms(command: Sequence[str], repeat: int) -> float:
    """The shortest wall time of ``repeat`` runs of ``command``, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


def _slowest_imports(command: Sequence[str], count: int) -> list[tuple[int, str]]:
    """The ``count`` imports with the most cumulative time (µs) in ``-X importtime``."""
    # the console script cannot take -X: run the same entry point through -m instead
    args = [sys.executable, "-X", "importtime", "-m", "omstilling.cli", *command[-1:]]
    stderr = subprocess.run(args, check=True, capture_output=True, text=True).stderr
    rows = []
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit():
                rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:count]


def _verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="runs of each; the best counts")
    parser.add_argument("--imports", action="store_true", help="list the slowest imports of --help")
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)
    help_command = _help_command()

    bare = _best_ms([sys.executable, "-c", "pass"], repeat)
    imported = _best_ms([sys.executable, "-c", "import omstilling"], repeat)
    helped = _best_ms(help_command, repeat)
    extra_import, extra_help = imported - bare, helped - bare
    print(f"bare interpreter (python -c pass): {bare:.1f} ms (best of {repeat})")
    print(
        f"import omstilling: {imported:.1f} ms, {extra_import:+.1f} ms over bare = "
        f"{imported / bare:.2f}x (target +{IMPORT_TARGET_MS:.0f} ms: "
        f"{_verdict(extra_import, IMPORT_TARGET_MS)})"
    )
    print(
        f"omstilling --help: {helped:.1f} ms, {extra_help:+.1f} ms over bare = "
        f"{helped / bare:.2f}x (target {HELP_TARGET_MS:.0f} ms total: "
        f"{_verdict(helped, HELP_TARGET_MS)})"
    )
    if args.imports or extra_import > IMPORT_TARGET_MS or helped > HELP_TARGET_MS:
        print("slowest imports of --help (cumulative, python -X importtime):")
        for micros, name in _slowest_imports(help_command, 15):
            print(f"  {micros / 1000:7.1f} ms {name}")


if __name__ == "__main__":
    main()
