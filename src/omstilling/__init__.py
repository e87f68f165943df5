"""omstilling: Norwegian public-sector transformation programmes as structured data.

The package is small at import time; the parts live in modules named by their job:

- :mod:`omstilling.model`: the domain model (attrs, immutable, validated);
- :mod:`omstilling.serialize`: programme files (YAML, JSON), migrations, JSON Schema;
- :mod:`omstilling.summary`: a short overview of a programme;
- :mod:`omstilling.testing`: hypothesis strategies for every model type.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("omstilling")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]
