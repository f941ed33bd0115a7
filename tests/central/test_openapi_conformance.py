"""schemathesis, an independent API tester, finds nothing wrong with the live centre.

It reads the centre's own OpenAPI document and runs every phase that applies (coverage:
boundary and schema-violating values of each field; fuzzing: random requests) with all its
checks against the real ``realname-central serve``: no 500, no status or body the document
does not declare, no request the document allows refused, none it forbids accepted, no
route that ignores a missing or wrong token. Every operation is tested; nothing excluded.
Records exist for ``POST /records/{record_id}/void`` to find (schemathesis cannot make
one): half its cases take the id of one of them, so the route answers 200 and 409 as well as
404, 401 and 422. Likewise a worker account and its laptop for the routes of ``/accounts``.

Bounded for the suite's budget: at most 20 generated cases per operation, in deterministic
mode (the same cases every run), one worker; about 15-20 s on two shared cores.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.central import ROOT, CentralProcess
from tests.helpers.central_records import op, push_body, records_in

USER, PASSWORD = "st-province", "secret-pass-1"
WORKER, LAPTOP = "st-worker", "st-laptop"
MAX_EXAMPLES = 20

# One deliberate widening, for a rule JSON Schema cannot state: in POST
# /spot-checks/results each field may appear once per assignment, and a schema-valid body
# that names a field twice is refused with 422 (FieldVerdict.field cannot be made unique
# across the items of a list). Every other expectation is schemathesis's own default.
CONFIG = """
[dictionaries.records]
values = [{record_ids}]

[dictionaries.workers]
values = ["{worker}"]

[dictionaries.laptops]
values = ["{laptop}"]

[[operations]]
include-path = "/api/v1/records/{{record_id}}/void"
parameters = {{ "path.record_id" = {{ dictionary = "records", probability = 0.5 }} }}

[[operations]]
include-path = "/api/v1/accounts/{{username}}/password-reset"
parameters = {{ "path.username" = {{ dictionary = "workers", probability = 0.5 }} }}

[[operations]]
include-path = "/api/v1/accounts/{{username}}/disable"
parameters = {{ "path.username" = {{ dictionary = "workers", probability = 0.5 }} }}

[[operations]]
include-path = "/api/v1/accounts/{{username}}/enable"
parameters = {{ "path.username" = {{ dictionary = "workers", probability = 0.5 }} }}

[[operations]]
include-path = "/api/v1/accounts/{{username}}/devices/{{device_id}}/revoke"
[operations.parameters]
"path.username" = {{ dictionary = "workers", probability = 0.5 }}
"path.device_id" = {{ dictionary = "laptops", probability = 0.5 }}

[[operations]]
include-path = "/api/v1/spot-checks/results"
checks.positive_data_acceptance.expected-statuses = [
    "2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx",
]
"""


def test_schemathesis_finds_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "central"
    data_dir.mkdir()
    # schemathesis's login cases fail from 127.0.0.1 by the hundred; the address limit
    # would then answer 429 to the fresh logins the logout cases need (see the hooks).
    server = CentralProcess(
        f"sqlite:///{data_dir / 'central.sqlite3'}",
        data_dir,
        env={"REALNAME_CENTRAL_LOGIN_MAX_FAILURES_PER_ADDRESS": "1000000"},
    )
    server.start()
    try:
        server.create_user(USER, "province", "620000", PASSWORD)
        # A worker with a laptop, for the account routes to reach (half their cases).
        server.create_user(WORKER, "worker", "620102", PASSWORD)
        server.login(WORKER, PASSWORD, device_id=LAPTOP)
        records = records_in(["620102001"], 5, seed=14)
        token = server.login(USER, PASSWORD)
        with server.client(token) as client:
            pushed = client.post("/sync/push", json=push_body(*(op(r) for r in records)))
        assert [r["status"] for r in pushed.json()["results"]] == ["accepted"] * 5
        record_ids = ", ".join(f'"{r["record_id"]}"' for r in records)
        config = tmp_path / "schemathesis.toml"
        config.write_text(
            CONFIG.format(record_ids=record_ids, worker=WORKER, laptop=LAPTOP), encoding="utf-8"
        )
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            "SCHEMATHESIS_HOOKS": "tests.helpers.schemathesis_auth",
            "REALNAME_ST_URL": server.url,
            "REALNAME_ST_USER": USER,
            "REALNAME_ST_PASSWORD": PASSWORD,
        }
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "schemathesis.cli",
                "--config-file",
                str(config),
                "run",
                f"{server.url}/api/v1/openapi.json",
                "--checks",
                "all",
                "--max-examples",
                str(MAX_EXAMPLES),
                "--generation-deterministic",
                "--workers",
                "1",
                "--no-color",
                "--report-dir",
                str(tmp_path / "report"),
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
            timeout=240,
        )
        with server.client(token) as client:
            pulled = client.get("/sync/pull").json()["changes"]
    finally:
        server.stop()
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
    assert "22 selected / 22 total" in result.stdout, result.stdout
    summary = result.stdout.strip().splitlines()[-1]
    assert "failure" not in summary, result.stdout
    assert "error" not in summary, result.stdout
    # The void route reached real records, not only its 404.
    assert any(change["deleted"] for change in pulled)
