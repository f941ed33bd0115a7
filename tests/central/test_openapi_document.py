"""The OpenAPI document declares the bearer scheme and each route's refusals with their body."""

from __future__ import annotations

from typing import Any

import pytest

from sync.central.app import create_app
from sync.central.settings import Settings
from sync.contract.protocol import API_PREFIX

ERROR_BODY = {"$ref": "#/components/schemas/ErrorBody"}


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("openapi") / "x.sqlite3"
    return create_app(Settings(db_url=f"sqlite:///{path}")).openapi()


def _operation(document: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"][API_PREFIX + path][method]
    return operation


def test_the_bearer_scheme_is_declared_and_required_where_a_token_is(
    document: dict[str, Any],
) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes["HTTPBearer"]["type"] == "http"
    assert schemes["HTTPBearer"]["scheme"] == "bearer"
    open_routes = {
        f"{API_PREFIX}/auth/login",
        f"{API_PREFIX}/auth/password",
        f"{API_PREFIX}/health",
    }
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if path in open_routes:
                assert "security" not in operation, (method, path)
            else:
                assert operation["security"] == [{"HTTPBearer": []}], (method, path)
                assert "401" in operation["responses"], (method, path)


def test_push_declares_each_refusal_with_the_error_body(document: dict[str, Any]) -> None:
    push = _operation(document, "post", "/sync/push")
    assert set(push["responses"]) == {"200", "400", "401", "413", "415", "422", "503"}
    for status in ("400", "401", "413", "415", "422", "503"):
        content = push["responses"][status]["content"]["application/json"]
        assert content["schema"] == ERROR_BODY, status
    assert "Retry-After" in push["responses"]["503"]["headers"]


def test_every_refusal_of_every_route_has_the_error_body(document: dict[str, Any]) -> None:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if int(status) >= 400:
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == ERROR_BODY, (method, path, status)
    error = document["components"]["schemas"]["ErrorBody"]
    assert error["required"] == ["detail"]
    assert error["additionalProperties"] is False
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_request_schemas_are_as_strict_as_the_server(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    op = schemas["PushOp"]
    assert op["additionalProperties"] is False
    assert schemas["PushRequest"]["additionalProperties"] is False
    assert op["properties"]["op_id"]["pattern"] == "^[^\\x00]*$"
    assert op["properties"]["record"]["additionalProperties"] == {
        "$ref": "#/components/schemas/JsonValue"
    }
    assert "enum" in schemas["FieldVerdict"]["properties"]["field"]
    pull = _operation(document, "get", "/sync/pull")
    [since] = [p for p in pull["parameters"] if p["name"] == "since"]
    assert since["schema"]["pattern"] == "^[0-9]{0,18}$"
    # Routes whose parameters cannot fail declare no 422.
    assert "422" not in _operation(document, "get", "/reference")["responses"]
    assert "422" not in _operation(document, "post", "/auth/logout")["responses"]


def test_progress_declares_the_staff_accounts_beside_the_workers(
    document: dict[str, Any],
) -> None:
    answer = _operation(document, "get", "/progress")["responses"]["200"]
    schema = answer["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/ProgressResponse"}
    schemas = document["components"]["schemas"]
    progress = schemas["ProgressResponse"]
    assert progress["required"] == [
        "year",
        "as_of",
        "region",
        "totals",
        "children",
        "workers",
        "weeks",
        "staff",
    ]
    assert progress["properties"]["staff"]["items"] == {
        "$ref": "#/components/schemas/StaffProgress"
    }
    worker_keys = ["username", "region_code", "surveyed", "last_sync_at", "app_version", "queued"]
    assert schemas["WorkerProgress"]["required"] == worker_keys
    assert schemas["StaffProgress"]["required"] == [*worker_keys, "role"]
