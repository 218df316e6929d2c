# Rason SEZ Monitor: one command per habit. Every target does its own set-up.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
QGIS_ENV := QT_QPA_PLATFORM=offscreen
PLUGIN := rason_plugin
PROFILE_DIR ?= $(CURDIR)/.qgis-settings
PROFILE ?= rason-dev

.PHONY: setup test test-matrix test-core lint translations package deploy qgis bench bench-accuracy demo screenshots clean

setup:
	@bash scripts/setup.sh

demo: setup
	$(QGIS_ENV) $(PY) scripts/demo.py --output demo-output

test: setup
	$(QGIS_ENV) $(PY) -m pytest -q tests

# The whole suite in Debian trixie (QGIS 3.40) and sid (QGIS 3.44) roots, built once and cached (root only).
test-matrix:
	bash scripts/test_matrix.sh

test-core: setup
	$(PY) -m pytest -q -p no:pytest_qgis tests/core

lint: setup
	$(PY) -m ruff check rason_plugin sample_data tests scripts bench

# Extract tr() strings into rason_plugin/i18n/*.ts (translations kept) and compile the .qm files,
# which are committed so that installing the plugin needs no Qt tools. Installs lrelease if missing.
translations: setup
	$(PY) scripts/translations.py

package: setup
	$(PY) scripts/package.py dist/$(PLUGIN).zip

deploy: package
	$(PY) scripts/deploy.py dist/$(PLUGIN).zip --profiles-path "$(PROFILE_DIR)" --profile "$(PROFILE)"

qgis: deploy
	@if [ -n "$$DISPLAY" ]; then qgis --profiles-path "$(PROFILE_DIR)" --profile "$(PROFILE)"; \
	else xvfb-run -a qgis --profiles-path "$(PROFILE_DIR)" --profile "$(PROFILE)"; fi

bench: setup
	bash bench/run.sh

# Accuracy of every change-detection method x threshold x spatial option on the labelled Nanjing
# Landsat pair and the synthetic pairs; writes bench/results-accuracy.md and prints the table.
bench-accuracy: setup
	$(QGIS_ENV) $(PY) bench/bench_accuracy.py

screenshots: demo
	$(MAKE) deploy PROFILE=rason-screenshots
	bash scripts/screenshots.sh

clean:
	rm -rf dist build .pytest_cache .ruff_cache .qgis-settings
