"""The README's Python example runs as it stands."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT


def test_the_readmes_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    os.symlink(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    from omstilling import load

    assert (tmp_path / "vedtak.docx").read_bytes().startswith(b"PK")
    saved = load(tmp_path / "plan.yaml")
    original = load(EXAMPLES / "kongsvinger-omstilling-2012.yaml")
    assert saved.milestones[0].done
    assert saved.milestones[1:] == original.milestones[1:]
