"""``/api/v1/contracts/`` and the contracts dataset: signed contracts only, with the
grant and what has been transferred, kept fresh by the contract's own changes."""

from datetime import date

import pytest
from django.test import TestCase

from cooperation.api import datasets
from grants import services
from tests.grants import test_contracts
from tests.grants.test_contracts import _signed

pytestmark = pytest.mark.django_db
awarded = test_contracts.awarded
templates = test_contracts.templates
accepted = test_contracts.accepted


def test_a_contract_is_public_once_signed_with_the_amounts_transferred(
    accepted, clerk, client
):
    draft = services.contract_create(offer=accepted.offer, actor=clerk)
    listed = client.get("/api/v1/contracts/").json()
    assert listed["count"] == 0
    assert client.get(f"/api/v1/contracts/{draft.pk}/").status_code == 404
    draft.delete()

    contract = _signed(accepted, clerk)
    first = client.get("/api/v1/contracts/")
    record = first.json()["results"][0]
    assert record["number"] == contract.number
    assert record["organisation"]["slug"] == accepted.org_a.slug
    assert record["grant"] == "7200.00"
    assert record["transferred"] == "0.00"
    assert record["payments"] == []
    for personal in ("representatives", "bank_account", "municipality_representative"):
        assert personal not in record
        assert "61109010140000071219812874" not in str(first.json())

    instalment = contract.current_terms()["instalments"][0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.payment_record(
            contract=contract,
            actor=clerk,
            instalment=1,
            paid_on=date.fromisoformat(instalment["due_on"]),
            amount="1000,00",
        )
    again = client.get("/api/v1/contracts/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    record = again.json()["results"][0]
    assert record["transferred"] == "1000.00"
    assert record["payments"] == [
        {"instalment": 1, "paid_on": instalment["due_on"], "amount": "1000.00"}
    ]
    detail = client.get(f"/api/v1/contracts/{contract.pk}/").json()
    assert detail["transferred"] == "1000.00"


def test_the_contracts_dataset_lists_signed_contracts(accepted, clerk, client):
    services.contract_create(offer=accepted.offer, actor=clerk).delete()
    contract = _signed(accepted, clerk)
    dataset = next(d for d in datasets.DATASETS if d.slug == "umowy")
    rows = list(dataset.rows())
    assert [(r["number"], r["grant"], r["transferred"]) for r in rows] == [
        (contract.number, contract.grant, 0)
    ]
