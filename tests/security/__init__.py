"""Regression tests of what omstilling guarantees against hostile or mistaken input: see
``docs/security.rst``."""
