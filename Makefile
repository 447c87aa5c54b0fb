# Shortcuts for the scripts in scripts/ (the README's commands work without make).
.PHONY: run test bench
run:
	./scripts/run.sh $(ARGS)
test:
	./scripts/test.sh $(PYTEST_ARGS)
bench:
	./scripts/test.sh -s tests/bench
