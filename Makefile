# The whole set-up on a fresh machine is `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: venv run test lint typecheck pytest bench build sysdeps-run sysdeps-test clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV) || { echo "Cannot create a venv: on Debian/Ubuntu run: sudo apt-get install -y python3-venv"; exit 1; }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $(STAMP)

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

pytest: sysdeps-test venv
	REALNAME_TEST_PG_URL=$${REALNAME_TEST_PG_URL:-$$(build_scripts/test_postgres.sh)} \
	QT_QPA_PLATFORM=offscreen PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring \
	$(PY) -m pytest $(PYTEST_ARGS)

test: lint pytest

bench: sysdeps-test venv
	REALNAME_TEST_PG_URL=$${REALNAME_TEST_PG_URL:-$$(build_scripts/test_postgres.sh)} \
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

# The field bundle: dist/realname-desktop/ (see build_scripts/realname.spec). PyInstaller is
# installed only when missing, so a prepared venv builds without reaching a package index.
build: sysdeps-run venv
	@$(PY) -c 'import PyInstaller' 2>/dev/null || $(PY) -m pip install -q -e '.[build]'
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build build_scripts/realname.spec
	@echo "built dist/realname-desktop: check it with build_scripts/ci_package_check.sh or dist/realname-desktop/realname-desktop-cli --self-check"

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
