"""The about box reads its versions through the store, off the GUI thread."""

from __future__ import annotations

import re

from desktop.store import Account
from desktop.ui.about import about_text, versions
from sync.version import __version__


def test_versions_name_the_program_rules_and_sqlcipher(account: Account) -> None:
    values = versions(account.registry)
    assert values["Program"] == __version__
    assert values["Rules"] == account.registry.rules.version
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", values["SQLCipher"])
    text = about_text(values)
    assert f"<td>SQLCipher</td><td>{values['SQLCipher']}</td>" in text
