# omstilling's kit: the plugin_manager and register_plugin fixtures.
pytest_plugins = ["omstilling.testing"]
