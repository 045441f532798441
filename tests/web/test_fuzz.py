"""Fuzz the API from its own OpenAPI spec (schemathesis): no 5xx, every error in the JSON shape.

Bounded to stay a unit test: a few dozen generated requests per endpoint, the read endpoints,
the check endpoint (with the URL fetcher replaced: no network) and the write endpoints on a
server without a token (each must answer 401 whatever the body). Every answer is also checked
against the documented response schema, status code and content type.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from skytally.errors import DataError
from skytally.web.app import create_app

MAX_EXAMPLES = 25
WRITES = ("/api/reports", "/api/corrections", "/api/events")


def refuse_to_fetch(url: str) -> bytes:
    """The fuzzer's URLs never reach the network."""
    raise DataError(f"not fetched in tests: {url}", field="url")


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory: pytest.TempPathFactory, loaded_db: Path) -> FastAPI:
    """The app without a token over a copy of the store (writes must fail; a copy in case one did not)."""
    copy = tmp_path_factory.mktemp("fuzz") / "store.sqlite"
    shutil.copy(loaded_db, copy)
    app = create_app(copy)
    app.state.fetch_article = refuse_to_fetch
    return app


@pytest.fixture(scope="module")
def api_schema(fuzzed_app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/api/openapi.json", fuzzed_app)


def check_case(case: schemathesis.Case) -> None:
    """One generated request: no 5xx, the documented status/type/schema, errors in the JSON shape."""
    response = case.call_and_validate(
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    )
    assert response.status_code < 500, response.text
    if case.method.upper() == "POST" and case.path in WRITES:
        assert response.status_code == 401, (case.path, response.status_code, response.text)
    if response.status_code >= 400:
        assert response.headers["content-type"][0].startswith("application/json")
        error = response.json()["error"]
        assert error["status"] == response.status_code
        assert isinstance(error["message"], str)
        assert error["message"]


def test_no_server_error_and_json_errors(api_schema: schemathesis.BaseSchema) -> None:
    # Each operation's strategy driven by hypothesis directly, not through schemathesis' pytest
    # plugin (whose subtests break across pytest releases): the same cases, a plain test.
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {f"{op.method.upper()} {op.path}" for op in operations} >= {
        "GET /api/attacks",
        "GET /api/attacks/{attack_id}",
        "POST /api/check",
        *(f"POST {path}" for path in WRITES),
    }
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            check_case(case)

        run()
