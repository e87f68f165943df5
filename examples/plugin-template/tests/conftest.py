"""omstilling's kit for these tests: its fixtures (plugin_manager, register_plugin),
strict plugin loading, and hypothesis settings for drawing whole programmes."""

import os

from hypothesis import HealthCheck, settings

# A plugin that fails to load is an error here, not a line in `omstilling plugins`.
os.environ["OMSTILLING_STRICT_PLUGINS"] = "1"

pytest_plugins = ["omstilling.testing"]

# Drawing whole programmes is slower than hypothesis expects of a strategy. For a
# quick run: pytest --hypothesis-profile=quick
settings.register_profile(
    "plugin",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("quick", settings.get_profile("plugin"), max_examples=10)
settings.load_profile("plugin")
