# The whole set-up on a fresh machine is `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The field bundle is built in a venv of its own holding only what a laptop runs (and
# PyInstaller), so the centre's server stack cannot reach the bundle.
BUNDLE_VENV := .venv-bundle
BUNDLE_STAMP := $(BUNDLE_VENV)/.installed
# Exact versions with hashes, for Linux x86_64 and Windows x64 (see requirements/README.md):
# desktop.lock what a laptop installs, test.lock with the centre and the test tools,
# build.lock the laptop's set and PyInstaller. `make lock` writes them from pyproject.toml.
LOCK_DIR := requirements
UV_VERSION := 0.13.9
UV_VENV := .venv-uv
UV := $(UV_VENV)/bin/uv
UV_STAMP := $(UV_VENV)/.uv-$(UV_VERSION)

.PHONY: venv run test lint typecheck pytest bench build lock lock-upgrade sysdeps-run sysdeps-test clean

venv: $(STAMP)

# Plain pip installs the locked set (every file checked against its hash), then the project
# itself without dependencies: `pip install -e .` alone would resolve afresh.
define install_locked
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	@[ -x $(1)/bin/python ] || $(PYTHON) -m venv $(1) || { echo "Cannot create a venv: on Debian/Ubuntu run: sudo apt-get install -y python3-venv"; exit 1; }
	$(1)/bin/python -m pip install -q --require-hashes -r $(2)
	$(1)/bin/python -m pip install -q --no-deps -e .
	@touch $(1)/.installed
endef

$(STAMP): pyproject.toml $(LOCK_DIR)/test.lock
	$(call install_locked,$(VENV),$(LOCK_DIR)/test.lock)

$(BUNDLE_STAMP): pyproject.toml $(LOCK_DIR)/build.lock
	$(call install_locked,$(BUNDLE_VENV),$(LOCK_DIR)/build.lock)

# Re-resolve after a change to the dependencies in pyproject.toml: uv.lock keeps every pin it
# can and adds what is new; `make lock-upgrade` moves every package to its newest release.
# uv is needed only here (installed into .venv-uv); installing from the locks needs pip alone.
lock: $(UV_STAMP)
	$(UV) lock $(UV_LOCK_ARGS)
	$(UV) export --frozen --no-emit-project --format requirements-txt --quiet -o $(LOCK_DIR)/desktop.lock
	$(UV) export --frozen --no-emit-project --format requirements-txt --quiet --extra test -o $(LOCK_DIR)/test.lock
	$(UV) export --frozen --no-emit-project --format requirements-txt --quiet --extra build -o $(LOCK_DIR)/build.lock

lock-upgrade:
	$(MAKE) lock UV_LOCK_ARGS=--upgrade

$(UV_STAMP):
	@[ -x $(UV_VENV)/bin/python ] || $(PYTHON) -m venv $(UV_VENV)
	$(UV_VENV)/bin/python -m pip install -q 'uv==$(UV_VERSION)'
	@touch $(UV_STAMP)

sysdeps-run:
	@build_scripts/ensure_system_packages.sh run

sysdeps-test:
	@build_scripts/ensure_system_packages.sh test

run: sysdeps-run venv
	$(PY) -m desktop.demo

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(VENV)/bin/vulture

pytest: sysdeps-test venv
	REALNAME_TEST_PG_URL=$${REALNAME_TEST_PG_URL:-$$(build_scripts/test_postgres.sh)} \
	QT_QPA_PLATFORM=offscreen PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring \
	$(PY) -m pytest $(PYTEST_ARGS)

test: lint pytest

bench: sysdeps-test venv
	REALNAME_TEST_PG_URL=$${REALNAME_TEST_PG_URL:-$$(build_scripts/test_postgres.sh)} \
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

# The field bundle: dist/realname-desktop/ (see build_scripts/realname.spec), built in
# .venv-bundle from requirements/build.lock. `venv` too: the package check's smoke test runs
# a centre from .venv.
build: sysdeps-run venv $(BUNDLE_STAMP)
	$(BUNDLE_VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build build_scripts/realname.spec
	@echo "built dist/realname-desktop: check it with build_scripts/ci_package_check.sh or dist/realname-desktop/realname-desktop-cli --self-check"

clean:
	rm -rf build dist $(BUNDLE_VENV) $(UV_VENV) .pytest_cache .mypy_cache .ruff_cache
