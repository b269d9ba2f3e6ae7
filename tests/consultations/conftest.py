import pytest

from tests.consultations.factories import ConsultationFactory


@pytest.fixture
def consultation_factory():
    return ConsultationFactory
