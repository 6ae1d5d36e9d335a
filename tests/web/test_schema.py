"""Property-based API tests from the OpenAPI spec (Schemathesis, in-process): no server
errors and every error in the fixed shape. Bounded: a few examples per operation."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error


@pytest.fixture(scope="session")
def api_schema(syn_app):
    """On the synthetic warehouse: the API's behaviour, not the real data's."""
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", syn_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
def test_api_has_no_server_errors(case) -> None:
    response = case.call()
    not_a_server_error_result = response.status_code < 500
    assert not_a_server_error_result, (case.path, case.query, response.text[:300])
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"}
        assert set(body["error"]) == {"code", "message", "hint", "suggestions"}
    case.validate_response(response, checks=[not_a_server_error])
