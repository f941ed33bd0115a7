"""Issue 13, finding 14 (client part): no password over plain HTTP without being told to.

``http://`` to anything but this machine (localhost, 127.0.0.0/8, ::1) sends the password
in the clear. The command line refuses it unless ``--allow-http`` is given (an installer's
script cannot answer a question, and must not hang on one); the login dialog asks first, in
Chinese, and sends nothing when the worker says no. The attacker's machine here is a
listener on 127.0.0.1 that the account's proxy setting points at.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop import cli
from desktop.app import parser
from desktop.store import login_online
from desktop.ui.errors import worker_text
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.operations import Operations
from sync.client import LoginRefusedError, RetryPolicy
from sync.client.errors import PlainHttpError
from sync.client.plain_http import sends_in_clear
from tests.helpers.client import KeyringFile, make_local_account
from tests.helpers.recording_listener import RecordingListener
from tests.helpers.ui import settle, type_text

REMOTE = "http://centre.example"
PASSWORD = "secret-password-7"
LOGIN = b"/api/v1/auth/login"
ONE_TRY = RetryPolicy(attempts=1)


@pytest.fixture
def listener() -> Iterator[RecordingListener]:
    server = RecordingListener()
    yield server
    server.close()


@pytest.mark.parametrize(
    ("url", "in_clear"),
    [
        ("http://centre.example", True),
        ("http://10.20.30.40:8000/", True),
        ("HTTP://Centre.Example/", True),
        ("http://localhost.attacker.example", True),
        ("http://127.0.0.1.attacker.example", True),
        ("http://localhost:8000", False),
        ("http://127.0.0.1:8000", False),
        ("http://127.0.0.7", False),
        ("http://[::1]:8000", False),
        ("https://centre.example", False),
    ],
)
def test_what_counts_as_sending_in_the_clear(url: str, in_clear: bool) -> None:
    assert sends_in_clear(url) is in_clear


def test_a_login_over_plain_http_is_refused_before_anything_is_sent(
    tmp_path: Path, test_keyring: KeyringFile, listener: RecordingListener
) -> None:
    root = tmp_path / "laptop"
    with pytest.raises(PlainHttpError) as refused:
        login_online(root, REMOTE, "worker1", PASSWORD, proxy=listener.url, retry=ONE_TRY)
    assert "https://" in str(refused.value)
    assert listener.received == b""
    assert not (root / "accounts").exists()
    # Told to, it sends (here to the listener, which refuses it).
    with pytest.raises(LoginRefusedError):
        login_online(
            root, REMOTE, "worker1", PASSWORD, proxy=listener.url, retry=ONE_TRY, allow_http=True
        )
    assert LOGIN in listener.received
    assert PASSWORD.encode() in listener.received


def _cli(root: Path, *args: str, stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.run(parser().parse_args(["--data-dir", str(root), *args]), root)


def test_the_command_line_refuses_plain_http_unless_allowed(
    tmp_path: Path,
    test_keyring: KeyringFile,
    listener: RecordingListener,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = tmp_path / "laptop"
    login = ["login", "--server", REMOTE, "--user", "worker1", "--password-stdin"]
    login += ["--proxy", listener.url]
    assert _cli(root, *login, stdin=PASSWORD + "\n", monkeypatch=monkeypatch) == 1
    err = capsys.readouterr().err
    assert "--allow-http" in err
    assert "明文" in err
    assert listener.received == b""

    allowed = _cli(root, *login, "--allow-http", stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    assert allowed == 1  # the listener refused the login, after receiving it
    err = capsys.readouterr().err
    assert "明文" in err  # the warning is still printed
    assert PASSWORD.encode() in listener.received


class _Answer:
    """Answers the next modal message box with the button named ``button`` (object name)."""

    def __init__(self, qtbot: QtBot, button: str) -> None:
        self.qtbot = qtbot
        self.button = button
        self.text: str | None = None
        self.title: str | None = None
        QTimer.singleShot(0, self._answer)

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return  # no question was asked
        self.text, self.title = box.text(), box.windowTitle()
        chosen = box.findChild(QPushButton, self.button)
        assert chosen is not None, self.button
        chosen.click()


def _dialog(qtbot: QtBot, root: Path, ops: Operations, listener: RecordingListener) -> LoginDialog:
    # The account logged in here before through the listener as its proxy.
    account = make_local_account(root, "worker1", PASSWORD, server=REMOTE)
    account.data_dir.save_profile(account.profile.with_changes(proxy=listener.url))
    account.close()
    dialog = LoginDialog(root, ops, retry=ONE_TRY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.server.text() == REMOTE
    type_text(qtbot, dialog.password, PASSWORD)
    return dialog


@pytest.mark.usefixtures("chinese")
def test_the_login_dialog_asks_in_chinese_and_sends_nothing_on_no(
    qtbot: QtBot,
    tmp_path: Path,
    test_keyring: KeyringFile,
    ops: Operations,
    listener: RecordingListener,
) -> None:
    dialog = _dialog(qtbot, tmp_path / "laptop", ops, listener)
    answer = _Answer(qtbot, "cancel_plain_http")
    dialog.log_in_online()
    settle(qtbot, ops)
    assert answer.text is not None, "no question was asked"
    assert "明文" in answer.text
    assert REMOTE in answer.text
    assert "https://" in answer.text
    assert listener.received == b""
    assert dialog.online.isEnabled()
    assert dialog.message.text() == dialog.tr("Not sent: the connection is not encrypted.")
    assert "未加密" in dialog.message.text()


def test_the_login_dialog_sends_when_the_worker_confirms(
    qtbot: QtBot,
    tmp_path: Path,
    test_keyring: KeyringFile,
    ops: Operations,
    listener: RecordingListener,
) -> None:
    dialog = _dialog(qtbot, tmp_path / "laptop", ops, listener)
    answer = _Answer(qtbot, "send_plain_http")
    dialog.log_in_online()
    settle(qtbot, ops)
    assert answer.text is not None, "no question was asked"
    assert PASSWORD.encode() in listener.received
    assert worker_text(LoginRefusedError.user_message) in dialog.message.text()


def test_the_login_dialog_asks_nothing_for_this_machine(
    qtbot: QtBot, tmp_path: Path, test_keyring: KeyringFile, ops: Operations
) -> None:
    dialog = LoginDialog(tmp_path / "laptop", ops, server_url="http://127.0.0.1:9", retry=ONE_TRY)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.username, "nobody")
    type_text(qtbot, dialog.password, "x")
    answer = _Answer(qtbot, "cancel_plain_http")
    dialog.log_in_online()
    settle(qtbot, ops)
    assert answer.text is None
    assert dialog.message.text() != dialog.tr("Not sent: the connection is not encrypted.")
