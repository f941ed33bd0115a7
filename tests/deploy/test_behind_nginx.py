"""The guide's deployment, run: nginx with TLS before three serve processes on PostgreSQL.

The steps are docs/运维指南.md's: the env file and the units of deploy/systemd (migrate once,
then the serve processes), accounts made with ``create-user``, the nginx site rendered by
deploy/nginx/render.sh with a certificate of the province's CA (a test CA here), the laptops
trusting that CA. Two laptops sync three rounds: all processes up; one process killed
(SIGKILL) between rounds and the next round served by the other two; the process started
again and serving in the last round. Every record arrives once, and the processes'
/metrics, read on 127.0.0.1 (the killed one's just before it died), add up to what happened.
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from desktop.store import Account, Synchronizer, SyncReport, login_online
from tests.deploy.nginx import Nginx, render_site
from tests.deploy.tls import make_certificates
from tests.deploy.units import (
    MIGRATE_UNIT,
    Samples,
    ServeUnit,
    create_accounts,
    run_command,
    total,
    unit_arguments,
    unit_env,
)
from tests.helpers.central import drop_postgres_database, free_port, fresh_postgres_database
from tests.helpers.client import FAST, PASSWORD, KeyringFile, unique_samples

ROUNDS = (60, 60, 40)  # records per laptop in each round
BATCH_OPS = 20  # several pushes per sync, spread over the processes
PUSH = "/api/v1/sync/push"
# REALNAME_CENTRAL_TRUSTED_PROXIES lets nginx (127.0.0.1) name the client; a client that
# names itself is not believed: nginx replaces its header.
SPOOFED = "203.0.113.9"


@pytest.fixture
def database() -> Iterator[str]:
    """A fresh PostgreSQL database, dropped afterwards."""
    url, admin = fresh_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(url, admin)


def _sync_all(laptops: list[Account], reports: list[SyncReport]) -> None:
    """Both laptops sync at the same time; their reports are added to ``reports``."""
    errors: list[BaseException] = []

    def one(account: Account) -> None:
        try:
            with account.client(FAST) as client:
                reports.append(Synchronizer(account.registry, client, batch_ops=BATCH_OPS).run())
        except BaseException as error:  # re-raised in the test's thread below
            errors.append(error)

    threads = [threading.Thread(target=one, args=(a,)) for a in laptops]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert not any(t.is_alive() for t in threads)


def _sync_requests(scrape: Samples) -> float:
    """The requests of the sync routes (push, pull, roster) this process answered."""
    return sum(
        value
        for (name, labels), value in scrape.items()
        if name == "realname_http_requests_total"
        and dict(labels).get("route", "").startswith("/api/v1/sync/")
    )


@pytest.mark.postgres
def test_two_laptops_sync_through_nginx_while_a_process_dies_and_returns(
    database: str, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    env = unit_env(database, tmp_path / "var-lib")
    # The migrate unit, once; then the serve units, started together.
    assert run_command(env, *unit_arguments(MIGRATE_UNIT)).strip() == "database ready"
    create_accounts(env, database)
    units = [ServeUnit(free_port(), env, tmp_path / f"serve-{n}.log") for n in range(3)]
    for unit in units:
        unit.start()
    certificates = make_certificates(tmp_path / "tls")
    port = free_port()
    nginx = Nginx(
        tmp_path / "nginx",
        render_site(f"127.0.0.1:{port}", certificates, [u.port for u in units]),
        port,
    )
    try:
        for unit in units:
            unit.wait_ready()
        nginx.start()
        centre = f"https://localhost:{port}"
        ca = str(certificates.ca_bundle)
        trust = ssl.create_default_context(cafile=ca)

        # Through nginx only /api/ is served: no /metrics, no /health from outside.
        assert httpx.get(f"{centre}/metrics", verify=trust).status_code == 404
        assert httpx.get(f"{centre}/api/v1/health", verify=trust).status_code == 200
        # A wrong password, from a client that claims another address.
        wrong = httpx.post(
            f"{centre}/api/v1/auth/login",
            json={"username": "county1", "password": "not-it", "device_id": "d1"},
            headers={"X-Forwarded-For": SPOOFED},
            verify=trust,
        )
        assert wrong.status_code == 401

        laptops = [
            login_online(tmp_path / name, centre, name, PASSWORD, ca_bundle=ca, retry=FAST)[0]
            for name in ("county1", "county2")
        ]
        records = iter(unique_samples(2 * sum(ROUNDS), seed=18))
        reports: list[SyncReport] = []
        victim = units[1]

        def round_of(size: int) -> None:
            for laptop in laptops:
                laptop.registry.save_many([next(records) for _ in range(size)])
            _sync_all(laptops, reports)

        round_of(ROUNDS[0])
        before_kill = victim.metrics()
        victim.kill()
        round_of(ROUNDS[1])  # nginx finds the dead port refusing and passes on
        dead_since = time.monotonic()
        victim.start()
        victim.wait_ready()
        # nginx leaves a failed process out for fail_timeout (5 s in the site file), counted
        # on its clock of whole seconds: a failure at 10.0 s keeps the process out until
        # 16 s, not 15 s. Waiting only 5.5 s let the last round run while nginx still left
        # the restarted process out, and it served no sync request (seen once in a full run).
        time.sleep(max(0.0, dead_since + 7.0 - time.monotonic()))
        round_of(ROUNDS[2])
        _sync_all(laptops, reports)  # each laptop now holds the other's last round too

        # Every record arrived once, and both laptops hold all of them, synced.
        saved = 2 * sum(ROUNDS)
        engine = create_engine(database)
        with engine.connect() as conn:
            counts = conn.execute(
                text("SELECT count(*), count(DISTINCT record_id), max(version) FROM records")
            ).one()
            throttled = set(conn.execute(text("SELECT key FROM login_throttle")).scalars())
        engine.dispose()
        assert tuple(counts) == (saved, saved, 1)
        for laptop in laptops:
            assert laptop.registry.status_counts()["synced"] == saved
            assert laptop.registry.queue() == []
        assert sum(r.push.accepted for r in reports) == saved
        # The failed login was counted against the address nginx saw, not the claimed one.
        assert f"addr:{SPOOFED}" not in throttled
        assert "addr:127.0.0.1" in throttled

        scrapes: list[Samples] = [before_kill, *(u.metrics() for u in units)]
        # Each process counts its own; together (the killed one's count before it died
        # included) they are what the laptops saw.
        assert total(scrapes, "realname_push_ops_total", outcome="accepted") == saved
        assert total(scrapes, "realname_push_ops_total") == saved
        assert total(scrapes, "realname_pull_changes_total") == sum(
            r.pull.received for r in reports
        )
        assert total(scrapes, "realname_pull_pages_total") == sum(r.pull.pages for r in reports)
        assert total(scrapes, "realname_logins_failed_total", reason="credentials") == 1
        assert total(scrapes, "realname_logins_failed_total") == 1
        pushes = total(scrapes, "realname_http_requests_total", route=PUSH, status="200")
        assert pushes >= 2 * sum(-(-n // BATCH_OPS) for n in ROUNDS)
        assert total(scrapes, "realname_http_request_duration_seconds_count", route=PUSH) == pushes
        for status in ("500", "502", "503"):
            assert total(scrapes, "realname_http_requests_total", status=status) == 0
        # Every process served the laptops, the restarted one after its restart too. nginx
        # takes turns per request over all the laptops' requests (pushes, pulls, roster), so
        # which route lands on which process varies from run to run; that some sync
        # request does is certain once a round makes more requests than there are processes.
        served_by = [_sync_requests(scrape) for scrape in scrapes]
        # (the killed process before its kill, then each process now; the restarted is [2])
        assert all(n > 0 for n in served_by), served_by
        start = "process_start_time_seconds"
        assert total([scrapes[2]], start) > total([before_kill], start)

        # The logs are JSON lines, a line per request, and hold nobody's personal data.
        lines = [
            json.loads(line)
            for unit in units
            for line in unit.log.read_text(encoding="utf-8").splitlines()
        ]
        assert all({"time", "level", "logger", "message"} <= set(line) for line in lines)
        served = [line for line in lines if line.get("route") == PUSH]
        assert len(served) == pushes
        assert all(line["status"] == 200 and line["duration_ms"] >= 0 for line in served)
        logged = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines)
        for record in unique_samples(2 * sum(ROUNDS), seed=18):
            assert record["id_number"] not in logged
            assert record["name"] not in logged
        for laptop in laptops:
            laptop.close()
    finally:
        nginx.stop()
        for unit in units:
            unit.stop()
    assert "[alert]" not in nginx.error_log()
    assert "[emerg]" not in nginx.error_log()
