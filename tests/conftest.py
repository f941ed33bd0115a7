"""Fixtures live in tests/helpers/; this file only registers them."""

pytest_plugins = [
    "tests.helpers.fixtures",
    "tests.helpers.central",
    "tests.helpers.accounts",
    "tests.helpers.client",
    "tests.helpers.ui",
]
