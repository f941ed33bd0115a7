"""Spot checks at the centre: the draw command, assignments, results and quality measures,
against the real server (SQLite, and PostgreSQL when available)."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from sync.contract.idcard import check_digit
from sync.contract.regions import default_tree
from sync.contract.spotcheck import county_of, sample_size
from tests.helpers.central import CentralProcess
from tests.helpers.central_records import op, push_body, records_in

PASSWORD = "secret-pass-1"
TREE = default_tree()
REGIONS = ["620102", "620102001", "620103", "620201"]
USERS = [
    ("prov", "province", "620000"),
    ("ins_cg", "county", "620102"),
    ("ins_qlh", "county", "620103"),
    ("ins_jyg", "county", "620201"),
    ("w_cg", "worker", "620102"),
]


@dataclass
class Centre:
    server: CentralProcess
    tokens: dict[str, str]
    records: dict[str, dict[str, Any]]

    def draw(self, *args: str) -> tuple[int, dict[str, Any], str]:
        done = self.server.command("spot-check", "draw", "--year", "2024", *args)
        payload = json.loads(done.stdout) if done.returncode == 0 else {}
        return done.returncode, payload, done.stderr

    def quarter_counts(self, quarter: int) -> Counter[str]:
        return Counter(
            county_of(TREE, r["region_code"])
            for r in self.records.values()
            if (date.fromisoformat(r["survey_date"]).month - 1) // 3 + 1 == quarter
        )


def set_up(server: CentralProcess) -> Centre:
    """The accounts of USERS and 160 records pushed by the province account."""
    for name, role, region in USERS:
        server.create_user(name, role, region, PASSWORD)
    tokens = {name: server.login(name, PASSWORD) for name, _, _ in USERS}
    recs = records_in(REGIONS, 160, seed=11)
    with server.client(tokens["prov"]) as client:
        answer = client.post("/sync/push", json=push_body(*(op(r) for r in recs)))
        answer.raise_for_status()
    assert {r["status"] for r in answer.json()["results"]} == {"accepted"}
    return Centre(server, tokens, {r["record_id"]: r for r in recs})


@pytest.fixture
def centre(central_server_each: CentralProcess) -> Centre:
    return set_up(central_server_each)


def draw_in_process(
    server: CentralProcess, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    """``spot-check draw`` run in this process (quicker than a subprocess per refusal)."""
    from sync.central.cli import main

    code = main(["--db", server.db_url, "spot-check", "draw", "--year", "2024", *args])
    return code, capsys.readouterr().err


@pytest.mark.slow
def test_draw_stores_assignments_that_reach_the_inspectors(centre: Centre) -> None:
    code, first, _ = centre.draw("--quarter", "2", "--rate", "0.1", "--min", "3", "--seed", "7")
    assert code == 0
    assert (first["seed"], first["quarter"], first["rate"], first["stored"]) == (7, 2, 0.1, True)
    drawn = Counter(county_of(TREE, a["region_code"]) for a in first["assignments"])
    expected = {c: sample_size(n, 0.1, 3) for c, n in centre.quarter_counts(2).items()}
    assert drawn == expected
    for a in first["assignments"]:
        assert county_of(TREE, a["inspector_region"]) != county_of(TREE, a["region_code"])
        assert a["inspector"] != "prov"  # only county accounts by default
    # A person of the quarter entered after the draw does not change the stored draw.
    late = next(
        r
        for r in records_in(REGIONS, 40, seed=12)
        if date.fromisoformat(r["survey_date"]).month in (4, 5, 6)
    )
    with centre.server.client(centre.tokens["prov"]) as client:
        client.post("/sync/push", json=push_body(op(late))).raise_for_status()
    code, again, _ = centre.draw("--quarter", "2", "--rate", "0.1", "--min", "3", "--seed", "7")
    assert code == 0
    assert again["assignments"] == first["assignments"]
    assert again["stored"] is False

    mine = [a for a in first["assignments"] if a["inspector"] == "ins_jyg"]
    assert mine, "Jiayuguan's inspector checks Lanzhou's records"
    with centre.server.client(centre.tokens["ins_jyg"]) as client:
        got = client.get("/spot-checks/assignments").json()["assignments"]
    assert [g["record_id"] for g in got] == sorted(a["record_id"] for a in mine)
    for item in got:
        # A copy of a record outside the inspector's own region, exactly as pushed.
        assert item["record"] == centre.records[item["record_id"]]
        assert item["version"] == 1
        assert not TREE.contains("620201", item["region_code"])


@pytest.mark.slow
def test_results_are_stored_per_field_and_counted_as_quality(centre: Centre) -> None:
    code, drawn, _ = centre.draw("--quarter", "3", "--rate", "0.5", "--seed", "99")
    assert code == 0
    inspector = drawn["assignments"][0]["inspector"]
    with centre.server.client(centre.tokens[inspector]) as client:
        mine = client.get("/spot-checks/assignments").json()["assignments"]
        first, second = mine[0]["assignment_id"], mine[1]["assignment_id"]
        body = {
            "results": [
                {
                    "assignment_id": first,
                    "fields": [
                        {"field": "phone", "matched": False, "corrected": "13800000000"},
                        {"field": "address", "matched": True},
                    ],
                },
                {"assignment_id": second, "fields": [{"field": "phone", "matched": True}]},
                {"assignment_id": "no-such", "fields": [{"field": "phone", "matched": True}]},
            ]
        }
        answer = client.post("/spot-checks/results", json=body)
        assert answer.status_code == 200
        statuses = [r["status"] for r in answer.json()["results"]]
        assert statuses == ["accepted", "accepted", "unknown"]
        # Posting an assignment again replaces its verdicts.
        again = {"results": [body["results"][1]]}
        assert client.post("/spot-checks/results", json=again).status_code == 200
        bad_field = {"results": [{"assignment_id": first, "fields": [{"field": "nope"}]}]}
        refused = client.post("/spot-checks/results", json=bad_field)
        assert refused.status_code == 422
        twice = {
            "results": [
                {
                    "assignment_id": first,
                    "fields": [
                        {"field": "phone", "matched": True},
                        {"field": "phone", "matched": False},
                    ],
                }
            ]
        }
        assert client.post("/spot-checks/results", json=twice).status_code == 422
    other = next(name for name in ("ins_cg", "ins_qlh", "ins_jyg") if name != inspector)
    with centre.server.client(centre.tokens[other]) as client:
        stolen = client.post("/spot-checks/results", json={"results": [body["results"][0]]})
        assert stolen.json()["results"][0]["status"] == "forbidden"

    with centre.server.client(centre.tokens["prov"]) as client:
        quality = client.get("/spot-checks/quality", params={"year": 2024, "quarter": 3}).json()
    assert quality["spot_checks"]["by_field"]["phone"] == {
        "numerator": 1,
        "denominator": 2,
        "rate": 50.0,
    }
    assert quality["spot_checks"]["records"]["denominator"] == 2
    assert quality["surveyed"] == sum(centre.quarter_counts(3).values())
    done = centre.server.command("spot-check", "quality", "--year", "2024", "--quarter", "3")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["spot_checks"] == quality["spot_checks"]
    with centre.server.client(centre.tokens["w_cg"]) as client:
        outside = client.get(
            "/spot-checks/quality", params={"year": 2024, "quarter": 3, "region": "620201"}
        )
        assert outside.status_code == 403
        own = client.get("/spot-checks/quality", params={"year": 2024, "quarter": 3})
        assert own.json()["region"]["code"] == "620102"


def test_draw_refusals_are_named(
    central_server: CentralProcess, capsys: pytest.CaptureFixture[str]
) -> None:
    set_up(central_server)
    common = ("--quarter", "1", "--seed", "1")
    code, err = draw_in_process(
        central_server, capsys, *common, "--rate", "0.1", "--region", "620102",
        "--inspectors", "ins_cg",
    )  # fmt: skip
    assert code == 2
    assert "no eligible inspector for county 620102 城关区" in err
    code, err = draw_in_process(
        central_server, capsys, *common, "--rate", "0.1", "--inspectors", "x,ins_cg"
    )
    assert (code, "no active account named x" in err) == (2, True)
    with pytest.raises(SystemExit) as exited:
        draw_in_process(central_server, capsys, *common, "--rate", "2")
    assert exited.value.code == 2
    assert "--rate" in capsys.readouterr().err
    code, err = draw_in_process(
        central_server, capsys, *common, "--rate", "0.1", "--region", "999999"
    )
    assert (code, "999999" in err) == (2, True)
    assert "Traceback" not in err


def test_possible_duplicates_are_listed_within_the_callers_scope(
    central_server: CentralProcess,
) -> None:
    centre = set_up(central_server)
    first = records_in(["620103"], 1, seed=5)[0]
    body = first["id_number"][:14] + ("123" if first["id_number"][16] in "13579" else "124")
    twin = {
        **first,
        "record_id": str(uuid.uuid4()),
        "id_number": body + check_digit(body),
        "disability_cert_number": body + check_digit(body) + first["disability_cert_number"][18:],
    }
    with central_server.client(centre.tokens["prov"]) as client:
        pushed = client.post("/sync/push", json=push_body(op(first), op(twin))).json()
        assert [r["status"] for r in pushed["results"]] == ["accepted", "accepted"]
        groups = client.get("/spot-checks/duplicates").json()["groups"]
        mine = [g for g in groups if first["record_id"] in {r["record_id"] for r in g["records"]}]
        assert len(mine) == 1
        assert mine[0]["kind"] == "name_birth"
        assert {r["record_id"] for r in mine[0]["records"]} == {
            first["record_id"],
            twin["record_id"],
        }
    with central_server.client(centre.tokens["ins_qlh"]) as client:
        own = client.get("/spot-checks/duplicates").json()["groups"]
        assert any(g["records"] == mine[0]["records"] for g in own)
    with central_server.client(centre.tokens["w_cg"]) as client:
        groups = client.get("/spot-checks/duplicates").json()["groups"]
        assert all(r["region_code"].startswith("620102") for g in groups for r in g["records"])
        assert client.get("/spot-checks/duplicates", params={"region": "620103"}).status_code == 403
