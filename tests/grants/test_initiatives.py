from datetime import date

import pytest
from django.core.exceptions import ValidationError

from grants.models import (
    InitiativeCriterion,
    InitiativeResolution,
    check_social_work_weights,
)


def test_social_work_strictly_heaviest_is_accepted():
    check_social_work_weights([(True, 40), (False, 39), (False, 21)])


def test_social_work_tied_with_another_criterion_is_refused():
    with pytest.raises(ValidationError) as error:
        check_social_work_weights([(True, 40), (False, 40), (False, 20)])
    assert error.value.code == "social_work_not_heaviest"


def test_resolution_without_social_work_criterion_is_refused():
    with pytest.raises(ValidationError) as error:
        check_social_work_weights([(False, 50), (False, 50)])
    assert error.value.code == "social_work_count"


@pytest.mark.django_db
def test_criterion_clean_refuses_a_weight_equal_to_social_work():
    resolution = InitiativeResolution.objects.create(
        number="XII/101/2026", adopted_on=date(2026, 3, 1), title="Tryb i kryteria"
    )
    InitiativeCriterion.objects.create(
        resolution=resolution, name="Praca społeczna", weight=40, social_work=True
    )
    other = InitiativeCriterion(resolution=resolution, name="Koszt", weight=40)
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "weight" in error.value.message_dict
    other.weight = 30
    other.full_clean()
    other.save()
    resolution.check_social_work_heaviest()
