"""Hypothesis profiles for every test session, the core's tests and the plugins' alike.

``HYPOTHESIS_PROFILE`` picks the profile; without it the profile is "ci" where the
environment variable ``CI`` is set and "dev" elsewhere:

- "dev": 20 examples per property test, the same ones every run (as mutation testing
  wants), for quick local runs;
- "ci": 200 examples per property test, new ones every run, and a blob to reproduce
  any failure with.

A test that sets its own ``max_examples`` (an expensive one, such as a round trip
through LibreOffice) keeps it in both profiles.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Built on hypothesis's own defaults rather than on its built-in "ci" profile, which
# would draw the same examples every run. Generating whole programmes is slower than
# hypothesis expects of a strategy, hence the health checks.
settings.register_profile(
    "ci",
    settings.get_profile("default"),
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev", settings.get_profile("ci"), max_examples=20, derandomize=True, print_blob=False
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if "CI" in os.environ else "dev")
)
