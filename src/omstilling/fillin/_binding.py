"""Binding a fill-in workbook to the programme office that made it and to whom and what
it was made for.

A workbook carries a token in its hidden metadata: an HMAC-SHA256, under a secret key
kept beside the programme file, of the workbook's format, layout version, report,
programme, participant and period. Only whoever holds the key can make a token, so an
import knows that the workbook was made by this office for the participant and period
it says, and refuses one whose metadata was edited to say otherwise.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import time
from pathlib import Path

from .._messages import _
from ..errors import OmstillingError, Problem
from ._types import FILLIN_FORMAT

__all__ = ["KEY_BYTES", "BindingError", "binding_key", "key_file"]

KEY_BYTES = 32
"""The length of a binding key, in bytes (random, from :mod:`secrets`)."""

_MIN_KEY_BYTES = 16
_SCHEME = "hmac-sha256"
_TOKEN = re.compile(rf"{_SCHEME}:([0-9a-f]{{8}}):([0-9a-f]{{64}})")
_KEY_LINE = re.compile(rf"[0-9a-fA-F]{{{2 * KEY_BYTES}}}")
_HEADER = (
    "# The secret key that omstilling binds the fill-in workbooks of {name} with.\n"
    "# Keep it beside {name}, out of version control and out of e-mail; back it up.\n"
    "# Without it, workbooks sent out cannot be imported; a new key makes them invalid.\n"
)


class BindingError(OmstillingError):
    """The key that fill-in workbooks are bound with is missing or unreadable.

    .. versionadded:: 0.1
    """

    code = "binding"


def key_file(programme_file: str | os.PathLike[str]) -> Path:
    """Where the binding key of ``programme_file`` is kept: beside it, as a hidden
    file named after it (``plan.yaml`` → ``.plan.yaml.key``).

    .. versionadded:: 0.1
    """
    path = Path(programme_file)
    return path.with_name(f".{path.name}.key")


def binding_key(programme_file: str | os.PathLike[str], *, create: bool = False) -> bytes:
    """The secret key that the fill-in workbooks of ``programme_file`` are bound with,
    read from :func:`key_file`.

    With ``create``, a missing key is made: :data:`KEY_BYTES` random bytes, written
    readable by the owner only (mode 0600) and put in place in one step that fails
    if the file exists, so two programs making workbooks at once end up with one key
    (the second reads the first one's).

    Raises :class:`BindingError` if the key is missing (and not to be created) or is
    not a key, and :class:`OSError` if it cannot be read or written.

    .. versionadded:: 0.1
    """
    path = key_file(programme_file)
    try:
        return _read_key(path)
    except FileNotFoundError:
        if not create:
            raise BindingError(
                [
                    Problem(
                        "",
                        _(
                            "the key that workbooks for {file} are checked with is "
                            "missing; restore it from a backup, or make new workbooks with "
                            "`omstilling workbooks` and send them out again (the workbooks "
                            "sent out before cannot be imported with a new key)"
                        ).format(file=programme_file),
                        "binding",
                    )
                ],
                source=str(path),
            ) from None
    return _create_key(path, programme_file)


def _read_key(path: Path) -> bytes:
    data = path.read_bytes()
    lines = [
        line.strip()
        for line in data.decode("ascii", errors="replace").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if len(lines) != 1 or _KEY_LINE.fullmatch(lines[0]) is None:
        raise BindingError(
            [
                Problem(
                    "",
                    _(
                        "not a binding key (expected one line of {digits} hexadecimal "
                        "digits); restore the file from a backup"
                    ).format(digits=2 * KEY_BYTES),
                    "binding",
                )
            ],
            source=str(path),
        )
    return bytes.fromhex(lines[0])


def _create_key(path: Path, programme_file: str | os.PathLike[str]) -> bytes:
    key = secrets.token_bytes(KEY_BYTES)
    data = _HEADER.format(name=Path(programme_file).name).encode() + key.hex().encode() + b"\n"
    tmp = path.with_name(f"{path.name}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # complete, or not there at all
        except FileExistsError:
            return _read_existing(path)
        except OSError:  # a file system without hard links
            try:
                fd = os.open(path, flags, 0o600)
            except FileExistsError:
                return _read_existing(path)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return key


def _read_existing(path: Path) -> bytes:
    """The key another program has just made; where it could not be put in place in
    one step, it may take a moment to be complete."""
    for _attempt in range(40):
        try:
            return _read_key(path)
        except BindingError:
            time.sleep(0.05)
    return _read_key(path)


def key_id(key: bytes) -> str:
    """A short name of ``key`` that gives nothing of it away: which key a token was
    made with, so a workbook of another key is named as such."""
    return hashlib.sha256(b"omstilling binding key id\0" + key).hexdigest()[:8]


def _mac(key: bytes, version: int, programme: str, participant: str, period: str) -> str:
    message = json.dumps(
        [FILLIN_FORMAT, version, "status", programme, participant, period],
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hmac.new(key, message.encode("ascii"), hashlib.sha256).hexdigest()


def check_key(key: bytes) -> None:
    """Refuse a key too short to be one (an empty one, say)."""
    if len(key) < _MIN_KEY_BYTES:
        raise ValueError(f"a binding key has at least {_MIN_KEY_BYTES} bytes, not {len(key)}")


def make_token(key: bytes, version: int, programme: str, participant: str, period: str) -> str:
    """The token that binds a workbook to ``programme``, ``participant`` and
    ``period`` (and the layout ``version``)."""
    check_key(key)
    mac = _mac(key, version, programme, participant, period)
    return f"{_SCHEME}:{key_id(key)}:{mac}"


def token_parts(token: str) -> tuple[str, str] | None:
    """A token's key id and MAC, or ``None`` if ``token`` is not one."""
    found = _TOKEN.fullmatch(token.strip())
    return None if found is None else (found.group(1), found.group(2))


def token_matches(
    key: bytes, mac: str, version: int, programme: str, participant: str, period: str
) -> bool:
    """Whether ``mac`` was made by ``key`` for exactly these, in constant time."""
    return hmac.compare_digest(mac, _mac(key, version, programme, participant, period))
