import json
from pathlib import Path
from unittest import mock

import pytest

DATA = Path(__file__).parent / "data"


def krs_json(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


class FakeResponse:
    def __init__(self, status_code: int, payload: dict | None = None):
        self.status_code = status_code
        self._payload = payload

    def json(self):
        if self._payload is None:
            raise ValueError("no JSON")
        return self._payload


@pytest.fixture
def krs_api():
    """The KRS API answered from recorded extracts; the network is never used.

    ``krs_api.extracts`` maps (krs, register) to a recorded extract of a real
    entity (``data/SOURCES.json``); anything else is 404, as the API answers for a
    number not in that register.
    Set ``krs_api.error`` to an exception to simulate an outage.
    """
    state = mock.Mock()
    state.extracts = {
        ("0000413516", "P"): "krs_0000413516_P.json",
        ("0000121862", "P"): "krs_0000121862_P.json",
    }
    state.error = None
    state.calls = []

    def fake_get(url, params=None, timeout=None, headers=None):
        assert timeout, "the KRS client must set a timeout"
        number = url.rstrip("/").rsplit("/", 1)[-1]
        state.calls.append((number, params["rejestr"]))
        if state.error is not None:
            raise state.error
        name = state.extracts.get((number, params["rejestr"]))
        if name is None:
            return FakeResponse(404)
        return FakeResponse(200, krs_json(name))

    with mock.patch("ngos.krs.requests.get", side_effect=fake_get):
        yield state
