# Shortcuts for dev.py, which sets up .venv first (see README.md).
.PHONY: test bench

test:
	python3 dev.py test

bench:
	python3 dev.py bench
