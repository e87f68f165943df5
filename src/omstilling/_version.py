"""The installed version of omstilling, on the ground floor so that every floor may
ask for it."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("omstilling")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]
