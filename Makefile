# The two commands a newcomer needs (see README.md). Both bootstrap everything first.
.PHONY: run test bench bootstrap
PY := .venv/bin/python

bootstrap:
	@scripts/bootstrap.sh

run: bootstrap
	$(PY) -m desktop $(ARGS)

test: bootstrap
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

bench: bootstrap
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s tests/bench
