"""Account administration through the API and the login codes, on the real server (SQLite,
then PostgreSQL): staff manage the worker accounts of their region, nothing else."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
from sqlalchemy import select

from sync.central.db import make_engine
from sync.central.tables import account_events
from tests.helpers.accounts import OTHER_COUNTY, PASSWORD, TOWNSHIP, WORKER_REGION, Accounts
from tests.helpers.central import API, CentralProcess

NEW_PASSWORD = "field-laptop-77"


def _post(server: CentralProcess, path: str, body: dict[str, Any], **kw: Any) -> httpx.Response:
    return httpx.post(f"{server.url}{API}{path}", json=body, **kw)


def _login(server: CentralProcess, user: str, password: str, device: str) -> httpx.Response:
    return _post(
        server, "/auth/login", {"username": user, "password": password, "device_id": device}
    )


def _name(prefix: str) -> str:
    return f"{prefix}{secrets.token_hex(4)}"


def _add(shared: Accounts, token: str, username: str, region: str = TOWNSHIP) -> httpx.Response:
    with shared.server.client(token) as client:
        return client.post(
            "/accounts", json={"username": username, "region_code": region, "display_name": "张三"}
        )


def _new_worker(shared: Accounts, device: str) -> tuple[str, str]:
    """A worker added by the county, its password changed, logged in on ``device``: name, token."""
    name = _name("nw")
    otp = _add(shared, shared.county, name).json()["one_time_password"]
    change = {"username": name, "password": otp, "new_password": NEW_PASSWORD}
    assert _post(shared.server, "/auth/password", change).status_code == 204
    answer = _login(shared.server, name, NEW_PASSWORD, device)
    assert answer.status_code == 200
    return name, answer.json()["token"]


def test_a_new_account_must_change_its_one_time_password(shared: Accounts) -> None:
    name = _name("otp")
    added = _add(shared, shared.county, name)
    assert added.status_code == 201
    otp = added.json()["one_time_password"]
    assert added.json()["username"] == name
    assert len(otp) == 14
    refused = _login(shared.server, name, otp, "dev-otp")
    assert refused.status_code == 403
    assert refused.json()["code"] == "password_change_required"
    weak = {"username": name, "password": otp, "new_password": "short"}
    answer = _post(shared.server, "/auth/password", weak)
    assert answer.status_code == 422
    assert answer.json()["detail"] == "new_password: 密码至少要有 10 个字符"
    same = {"username": name, "password": otp, "new_password": otp}
    assert _post(shared.server, "/auth/password", same).json()["detail"] == (
        "new_password: 新密码不能与原密码相同"
    )
    wrong = {"username": name, "password": "not-the-otp-1", "new_password": NEW_PASSWORD}
    assert _post(shared.server, "/auth/password", wrong).status_code == 401
    good = {"username": name, "password": otp, "new_password": NEW_PASSWORD}
    assert _post(shared.server, "/auth/password", good).status_code == 204
    assert _login(shared.server, name, otp, "dev-otp").status_code == 401
    assert _login(shared.server, name, NEW_PASSWORD, "dev-otp").status_code == 200


def test_staff_reach_only_the_workers_of_their_region(shared: Accounts) -> None:
    server = shared.server
    assert _add(shared, shared.county, _name("far"), OTHER_COUNTY).status_code == 403
    assert _add(shared, shared.worker, _name("w"), TOWNSHIP).status_code == 403
    with server.client(shared.worker) as client:
        assert client.get("/accounts").status_code == 403
    with server.client(shared.county) as client:
        other = client.post(f"/accounts/x{shared.suffix}/password-reset")
        assert other.status_code == 404  # another county's worker
        staff = client.post(f"/accounts/m{shared.suffix}/disable")
        assert staff.status_code == 404  # the city's own account is not a worker
        listed = {a["username"] for a in client.get("/accounts").json()["accounts"]}
    assert f"w{shared.suffix}" in listed
    assert not listed & {f"x{shared.suffix}", f"c{shared.suffix}", f"m{shared.suffix}"}
    with server.client(shared.province) as client:
        everyone = {a["username"] for a in client.get("/accounts").json()["accounts"]}
    assert {f"w{shared.suffix}", f"x{shared.suffix}"} <= everyone
    assert f"p{shared.suffix}" not in everyone


def test_the_list_shows_each_device_its_last_contact_and_version(shared: Accounts) -> None:
    device = _name("laptop-")
    name, _token = _new_worker(shared, device)
    again = httpx.post(
        f"{shared.server.url}{API}/auth/login",
        json={"username": name, "password": NEW_PASSWORD, "device_id": device},
        headers={"User-Agent": "realname-desktop/9.8.7"},
    )
    assert again.status_code == 200
    with shared.server.client(shared.city) as client:
        found = [a for a in client.get("/accounts").json()["accounts"] if a["username"] == name]
    assert len(found) == 1
    account = found[0]
    assert account["display_name"] == "张三"
    assert account["region_code"] == TOWNSHIP
    assert account["must_change_password"] is False
    assert account["disabled"] is False
    assert [(d["device_id"], d["app_version"], d["revoked_at"]) for d in account["devices"]] == [
        (device, "9.8.7", None)
    ]
    assert account["devices"][0]["last_seen_at"] >= account["devices"][0]["first_seen_at"]


def test_a_reset_password_ends_the_tokens_and_must_be_changed(shared: Accounts) -> None:
    name, token = _new_worker(shared, _name("dev-"))
    with shared.server.client(shared.city) as client:
        reset = client.post(f"/accounts/{name}/password-reset")
    assert reset.status_code == 200
    otp = reset.json()["one_time_password"]
    with shared.server.client(token) as client:
        assert client.get("/sync/pull").status_code == 401
    assert _login(shared.server, name, NEW_PASSWORD, "d").status_code == 401
    assert _login(shared.server, name, otp, "d").json()["code"] == "password_change_required"


def test_a_disabled_account_is_refused_with_its_code(shared: Accounts) -> None:
    name, token = _new_worker(shared, _name("dev-"))
    with shared.server.client(shared.county) as client:
        assert client.post(f"/accounts/{name}/disable").status_code == 204
    with shared.server.client(token) as client:
        answer = client.get("/sync/pull")
    assert answer.status_code == 401
    assert answer.json()["code"] == "account_disabled"
    refused = _login(shared.server, name, NEW_PASSWORD, "d")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "this account is disabled", "code": "account_disabled"}
    assert _login(shared.server, name, "wrong-password-1", "d").status_code == 401
    change = {"username": name, "password": NEW_PASSWORD, "new_password": "another-pass-9"}
    assert _post(shared.server, "/auth/password", change).json()["code"] == "account_disabled"


def test_an_account_disabled_by_mistake_is_enabled_again_and_logs_in_anew(
    shared: Accounts,
) -> None:
    name, token = _new_worker(shared, _name("dev-"))
    with shared.server.client(shared.county) as client:
        assert client.post(f"/accounts/{name}/disable").status_code == 204
    with shared.server.client(shared.city) as client:
        assert client.post(f"/accounts/{name}/enable").status_code == 204
    with shared.server.client(token) as client:
        answer = client.get("/sync/pull")
    # The token of before stays revoked (no code: the laptop simply logs in again).
    assert answer.status_code == 401
    assert answer.json() == {"detail": "invalid or revoked token; log in again"}
    fresh = _login(shared.server, name, NEW_PASSWORD, "d")
    assert fresh.status_code == 200
    with shared.server.client(fresh.json()["token"]) as client:
        assert client.get("/sync/pull").status_code == 200


def test_enabling_is_scoped_like_disabling(shared: Accounts) -> None:
    other = f"x{shared.suffix}"  # another county's worker
    with shared.server.client(shared.province) as client:
        assert client.post(f"/accounts/{other}/disable").status_code == 204
    with shared.server.client(shared.county) as client:
        refused = client.post(f"/accounts/{other}/enable")
        unknown = client.post("/accounts/nobody-here/enable")
        staff = client.post(f"/accounts/m{shared.suffix}/enable")
    assert refused.status_code == 404
    assert refused.json() == {"detail": f"username: 没有账户 '{other}'（或不在您的管辖范围内）"}
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "username: 没有账户 'nobody-here'（或不在您的管辖范围内）"}
    assert staff.status_code == 404  # the city's own account is not a worker
    with shared.server.client(shared.worker) as client:
        assert client.post(f"/accounts/w{shared.suffix}/enable").status_code == 403
    still = _login(shared.server, other, PASSWORD, "d")
    assert (still.status_code, still.json()["code"]) == (403, "account_disabled")
    with shared.server.client(shared.province) as client:
        assert client.post(f"/accounts/{other}/enable").status_code == 204
    assert _login(shared.server, other, PASSWORD, "d").status_code == 200


def test_a_revoked_laptop_is_cut_off_and_told_to_wipe(shared: Accounts) -> None:
    lost = _name("lost-")
    name, token = _new_worker(shared, lost)
    kept = _login(shared.server, name, NEW_PASSWORD, "other-laptop").json()["token"]
    with shared.server.client(shared.county) as client:
        revoked = client.post(f"/accounts/{name}/devices/{lost}/revoke", json={"wipe": True})
        assert revoked.status_code == 204
        unknown = client.post(f"/accounts/{name}/devices/nothing-here/revoke", json={"wipe": True})
        assert unknown.status_code == 404
    with shared.server.client(token) as client:
        answer = client.get("/sync/pull")
    assert answer.status_code == 401
    assert (answer.json()["code"], answer.json()["wipe"]) == ("device_revoked", True)
    refused = _login(shared.server, name, NEW_PASSWORD, lost)
    assert refused.status_code == 403
    assert refused.json() == {
        "detail": "this device has been revoked",
        "code": "device_revoked",
        "wipe": True,
    }
    with shared.server.client(kept) as client:
        assert client.get("/sync/pull").status_code == 200  # the account's other laptop


def test_a_device_revoked_without_wipe_says_so(shared: Accounts) -> None:
    device = _name("old-")
    name, _token = _new_worker(shared, device)
    with shared.server.client(shared.province) as client:
        path = f"/accounts/{name}/devices/{device}/revoke"
        assert client.post(path, json={"wipe": False}).status_code == 204
    refused = _login(shared.server, name, NEW_PASSWORD, device).json()
    assert (refused["code"], refused["wipe"]) == ("device_revoked", False)


def test_every_change_is_audited(shared: Accounts) -> None:
    name, _token = _new_worker(shared, "audited-laptop")
    with shared.server.client(shared.county) as client:
        client.post(f"/accounts/{name}/password-reset")
        client.post(f"/accounts/{name}/devices/audited-laptop/revoke", json={"wipe": True})
        client.post(f"/accounts/{name}/disable")
        client.post(f"/accounts/{name}/enable")
    engine = make_engine(shared.server.db_url)
    with engine.connect() as conn:
        events = conn.execute(
            select(account_events.c.actor, account_events.c.action, account_events.c.detail)
            .where(account_events.c.target == name)
            .order_by(account_events.c.event_id)
        ).all()
    engine.dispose()
    county = f"c{shared.suffix}"
    assert [tuple(e) for e in events] == [
        (county, "create", f"worker {TOWNSHIP}"),
        (name, "change_password", None),
        (county, "reset_password", None),
        (county, "revoke_device", "device audited-laptop wipe"),
        (county, "disable", None),
        (county, "enable", None),
    ]


def test_password_changes_are_throttled_like_logins(shared: Accounts) -> None:
    name = _name("thr")
    otp = _add(shared, shared.county, name).json()["one_time_password"]
    wrong = {"username": name, "password": "guess-number-1", "new_password": NEW_PASSWORD}
    statuses = [_post(shared.server, "/auth/password", wrong).status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    good = {"username": name, "password": otp, "new_password": NEW_PASSWORD}
    assert _post(shared.server, "/auth/password", good).status_code == 429


def test_a_bad_new_account_names_its_field(shared: Accounts) -> None:
    taken = _add(shared, shared.county, f"w{shared.suffix}", WORKER_REGION)
    assert taken.status_code == 409
    assert taken.json()["detail"] == f"username: 用户名 'w{shared.suffix}' 已存在"
    with shared.server.client(shared.county) as client:
        bad = client.post("/accounts", json={"username": "a/b", "region_code": TOWNSHIP})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "username"]
