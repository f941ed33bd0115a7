"""``realname-desktop`` commands in subprocesses, against the real centre on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.store import open_account
from sync.contract.records_io import read_records, write_records
from tests.helpers.central import CentralProcess
from tests.helpers.client import (
    PASSWORD,
    KeyringFile,
    centre_counts,
    cli_login,
    run_desktop,
    unique_samples,
)


def login(data: Path, centre: CentralProcess, keys: KeyringFile, password: str = PASSWORD) -> str:
    result = cli_login(data, centre.url, keys.env, password)
    assert result.returncode == 0 or password != PASSWORD, result.stderr
    return result.stdout if result.returncode == 0 else result.stderr


@pytest.mark.slow
def test_login_import_sync_status_export(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    data = tmp_path / "laptop"
    assert json.loads(login(data, centre, test_keyring))["region_code"] == "620102"

    records = unique_samples(40, seed=51)
    source = tmp_path / "list.csv"
    write_records(source, records)
    env = test_keyring.env
    dry = run_desktop(data, "import", str(source), "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["accepted"] == 40
    assert json.loads(run_desktop(data, "status", env=env).stdout)["pending"] == 0

    first = run_desktop(data, "import", str(source), env=env)
    assert json.loads(first.stdout)["accepted"] == 40
    again = run_desktop(data, "import", str(source), env=env)
    assert json.loads(again.stdout) == {
        "accepted": 0,
        "rejected": 0,
        "unchanged": 40,
        "dry_run": False,
    }

    synced = run_desktop(data, "sync", env=env)
    assert synced.returncode == 0, synced.stderr
    assert json.loads(synced.stdout)["accepted"] == 40
    status = json.loads(run_desktop(data, "status", env=env).stdout)
    assert status == {
        "draft": 0,
        "pending": 0,
        "syncing": 0,
        "synced": 40,
        "rejected": 0,
        "conflict": 0,
        "needs_correction": 0,
        "returned": 0,
    }
    assert centre_counts(centre) == (40, 40, 0)

    out = tmp_path / "export.xlsx"
    exported = run_desktop(data, "export", str(out), env=env)
    assert json.loads(exported.stdout)["records"] == 40
    assert {p.record["record_id"] for p in read_records(out)} == {r["record_id"] for r in records}


def test_import_names_bad_rows_and_refuses_an_unusable_file(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    data = tmp_path / "laptop"
    login(data, centre, test_keyring)
    records = unique_samples(3, seed=52)
    records[1]["disability_level"] = 9
    source = tmp_path / "list.csv"
    write_records(source, records)
    report = tmp_path / "report.json"
    result = run_desktop(data, "import", str(source), "--report", str(report), env=test_keyring.env)
    assert result.returncode == 1
    assert json.loads(result.stdout)["rejected"] == 1
    [problem] = json.loads(report.read_text(encoding="utf-8"))["problems"]
    assert problem["rows"] == [3]
    assert any("disability_level" in e["fields"] for e in problem["errors"])

    bad = tmp_path / "list.txt"
    bad.write_text("nothing", encoding="utf-8")
    unusable = run_desktop(data, "import", str(bad), env=test_keyring.env)
    assert unusable.returncode == 2
    assert "list.txt" in unusable.stderr
    assert "Traceback" not in unusable.stderr


@pytest.mark.slow
def test_errors_are_messages_not_tracebacks(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    data = tmp_path / "laptop"
    env = test_keyring.env
    nobody = run_desktop(data, "status", env=env)
    assert nobody.returncode == 1
    assert "登录" in nobody.stderr
    assert "Traceback" not in nobody.stderr

    wrong = cli_login(data, centre.url, env, "wrong-password")
    assert wrong.returncode == 1
    assert "密码" in wrong.stderr
    assert "Traceback" not in wrong.stderr

    login(data, centre, test_keyring)
    centre.stop()
    offline = run_desktop(data, "sync", "--attempts", "1", env=env)
    assert offline.returncode == 1
    assert "网络" in offline.stderr
    assert "Traceback" not in offline.stderr


@pytest.mark.slow
def test_a_lost_keyring_entry_comes_back_with_an_online_login(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    data = tmp_path / "laptop"
    login(data, centre, test_keyring)
    account = open_account(data)
    records = unique_samples(25, seed=53)
    account.registry.save_many(records)
    account.keyring.delete_database_key()
    account.close()
    lost = run_desktop(data, "status", env=test_keyring.env)
    assert lost.returncode == 1
    assert "重新登录" in lost.stderr

    login(data, centre, test_keyring)
    status = json.loads(run_desktop(data, "status", env=test_keyring.env).stdout)
    assert status["pending"] == 25


@pytest.mark.slow
def test_import_with_a_saved_column_mapping(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    data = tmp_path / "laptop"
    login(data, centre, test_keyring)
    [record] = unique_samples(1, seed=53)
    source = tmp_path / "list.csv"
    write_records(source, [record])
    # A department's list: its own header for the ID number, and a column nobody wants.
    text = source.read_text(encoding="utf-8-sig").splitlines()
    text[0] = text[0].replace("id_number", "公民身份号码") + ",经办人"
    text[1:] = [line + ",某某" for line in text[1:]]
    source.write_text("\n".join(text) + "\n", encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps({"公民身份号码": "id_number", "经办人": None}, ensure_ascii=False), "utf-8"
    )

    unmapped = run_desktop(data, "import", str(source), "--dry-run", env=test_keyring.env)
    # Without the mapping the ID number is missing: the row is refused (exit 1), not the file.
    assert unmapped.returncode == 1, unmapped.stderr
    assert json.loads(unmapped.stdout)["rejected"] == 1

    mapped = run_desktop(
        data, "import", str(source), "--mapping", str(mapping), env=test_keyring.env
    )
    assert mapped.returncode == 0, mapped.stderr
    assert json.loads(mapped.stdout)["accepted"] == 1
    account = open_account(data, "county1")
    try:
        saved = account.registry.find_by_id_number(record["id_number"])
    finally:
        account.close()
    assert saved is not None

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    refused = run_desktop(
        data, "import", str(source), "--mapping", str(broken), env=test_keyring.env
    )
    assert refused.returncode == 2
    assert "broken.json" in refused.stderr
    assert "Traceback" not in refused.stderr
