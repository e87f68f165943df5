"""A published report is never overwritten, not even by a second ``omstilling publish``
to the same file at the same moment: of two, exactly one publishes and the other is
refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from omstilling.files import load_report

from ..conftest import EXAMPLES, ROOT

TRIALS = 20
DAYS = ("2006-06-30", "2006-07-01")
"""Each of the two publishes its report with a publication date of its own, so the
file shows whose report it holds."""


def _publish(target: Path, day: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "omstilling", "publish", str(EXAMPLES / "alna-2006.yaml"),
         "--template", "measure-overview", "--published", day, "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )  # fmt: skip


@pytest.mark.parametrize("trial", range(TRIALS))
def test_of_two_publishes_at_once_exactly_one_wins(tmp_path: Path, trial: int) -> None:
    target = tmp_path / f"tiltak-{trial}.json"
    runs = [_publish(target, day) for day in DAYS]  # started together
    results = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        results.append((run.returncode, out, err))

    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], results
    (winner,) = [day for day, (code, _, _) in zip(DAYS, results, strict=True) if code == 0]
    (_, out, _) = next(r for r in results if r[0] == 0)
    (_, refused_out, refused) = next(r for r in results if r[0] == 1)
    assert out == f"{target}: published {winner}\n"
    assert refused_out == ""
    assert refused == (
        f"{target}: exists already; a published report is not overwritten (use --force)\n"
    )
    assert str(load_report(target).published) == winner
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left
