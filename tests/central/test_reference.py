"""GET /reference: content for the caller's scope, ETag and 304, updates after imports."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.accounts import Accounts


def test_reference_has_rules_code_lists_and_scoped_regions(shared: Accounts) -> None:
    with shared.server.client(shared.worker) as client:
        body = client.get("/reference").json()
    assert set(body) >= {
        "version",
        "rules_version",
        "rules",
        "code_lists",
        "regions",
        "base_population",
        "targets",
    }
    codes = {r["code"] for r in body["regions"]}
    assert {"620000", "620100", "620102", "620102001"} <= codes
    assert "620201" not in codes
    assert body["code_lists"]["disability_category"]["1"] == "视力"
    assert body["rules_version"]


def test_etag_gives_304_until_reference_data_changes(tmp_path: Path, accounts: Accounts) -> None:
    server = accounts.server
    with server.client(accounts.city) as client:
        first = client.get("/reference")
        etag = first.headers["etag"]
        unchanged = client.get("/reference", headers={"If-None-Match": etag})
        assert unchanged.status_code == 304
        assert unchanged.content == b""
    base = tmp_path / "base.csv"
    base.write_text(
        "region_code,year,working_age_disabled\n620100,2024,5000\n620102,2024,1200\n"
        "620200,2024,800\n",
        encoding="utf-8",
    )
    result = server.command("import-reference", "base-population", str(base))
    assert result.returncode == 0, result.stderr
    targets = tmp_path / "targets.csv"
    targets.write_text(
        "\ufeffregion_code,year,indicator,target\n620100,2024,new_training,300\n"
        "620200,2024,new_training,50\n",
        encoding="utf-8",
    )
    assert server.command("import-reference", "targets", str(targets)).returncode == 0
    with server.client(accounts.city) as client:
        changed = client.get("/reference", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    body = changed.json()
    assert {(r["region_code"], r["working_age_disabled"]) for r in body["base_population"]} == {
        ("620100", 5000),
        ("620102", 1200),
    }
    assert [(t["region_code"], t["target"]) for t in body["targets"]] == [("620100", 300)]


def test_bad_reference_files_exit_2_naming_the_row(tmp_path: Path, shared: Accounts) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("region_code,year,indicator,target\n620100,2024,happiness,3\n", "utf-8")
    result = shared.server.command("import-reference", "targets", str(bad))
    assert result.returncode == 2
    assert "row 2" in result.stderr
    assert "indicator" in result.stderr
    assert "Traceback" not in result.stderr
    superscript = tmp_path / "superscript.csv"
    superscript.write_text("region_code,year,indicator,target\n620100,2024,new_training,3²\n")
    result = shared.server.command("import-reference", "targets", str(superscript))
    assert (result.returncode, "Traceback" in result.stderr) == (2, False)
    assert "row 2" in result.stderr
    missing = shared.server.command("import-reference", "targets", str(tmp_path / "none.csv"))
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
