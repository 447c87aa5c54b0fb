# Shortcuts for the scripts in scripts/ (the README's commands work without make).
.PHONY: run test bench bundle
run:
	./scripts/run.sh $(ARGS)
test:
	./scripts/test.sh $(PYTEST_ARGS)
bench:
	./scripts/test.sh -s tests/bench
# The installable one-folder app in dist/supportback/ (README: "Building the installable app").
bundle:
	./scripts/bundle.sh
