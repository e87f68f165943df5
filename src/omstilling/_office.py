"""LibreOffice headless, converting documents with a time limit: found on the ``PATH``,
run with a user profile of its own, and stopped with every process it started when it
takes too long (its launcher leaves children behind).

Used by the document checker (:mod:`omstilling.testing.documents`) and the PDF plugin
(``omstilling-pdf``, released with omstilling at the same version)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Sequence
from pathlib import Path

__all__ = ["convert", "find_soffice"]


def find_soffice() -> str | None:
    """The LibreOffice program on the ``PATH`` (``soffice`` or ``libreoffice``), or
    ``None`` where it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(
    program: str,
    sources: Sequence[Path],
    *,
    to: str,
    outdir: Path,
    profile: Path,
    timeout: float,
) -> subprocess.CompletedProcess[str]:
    """Run LibreOffice (``program``) headless to convert every one of ``sources`` with
    the filter ``to`` (``"pdf"``, say) into ``outdir``, with the user profile
    ``profile``, in a session of its own.

    LibreOffice exits 0 even where it could not convert: the caller looks for the
    files. Where it takes longer than ``timeout`` seconds it is stopped with all its
    children and :class:`subprocess.TimeoutExpired` is raised."""
    command = [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        to,
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=os.name == "posix",
    ) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            if os.name == "posix":
                os.killpg(process.pid, signal.SIGKILL)
            else:  # pragma: no cover
                process.kill()
            process.communicate()
            raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)
