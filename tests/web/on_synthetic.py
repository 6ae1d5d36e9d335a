"""Fixtures that put a web test module on the synthetic warehouse: import the ones the
module uses (``from tests.web.on_synthetic import client, wh``); they replace the
real-build fixtures of the same names for that module only."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def client(syn_client):
    """This module's client: the app on the synthetic warehouse."""
    return syn_client


@pytest.fixture()
def wh(syn):
    return syn


@pytest.fixture(scope="module")
def web_app(syn_app):
    return syn_app


@pytest.fixture(scope="module")
def live_server(syn_server):
    return syn_server


@pytest.fixture(scope="module")
def reports_dir(syn_reports_dir):
    return syn_reports_dir
