"""Test helpers shipped with the library, for this project and for anyone building on
it: :mod:`omstilling.testing.strategies` has hypothesis strategies for every model type.

Importing this package needs hypothesis (``pip install omstilling[testing]``).
"""

from . import strategies

__all__ = ["strategies"]
