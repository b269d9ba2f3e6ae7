"""The council's opinion on the draft in part 10 of the programme's PDF."""

from datetime import date

import pytest

from cooperation.council import services
from cooperation.council.models import Opinion
from cooperation.programme.demo import create_programme
from cooperation.programme.documents import programme_inputs
from cooperation.programme.models import Programme
from tests.cooperation.test_programme_pdf import programme_text

from .factories import active_term

pytestmark = pytest.mark.django_db


def test_the_pdf_lists_the_opinion_in_part_10(tmp_path, clerk):
    programme = create_programme(2027, with_priorities=0)
    Programme.objects.filter(pk=programme.pk).update(status="submitted")
    programme.refresh_from_db()
    before = programme_inputs(programme)
    opinion = services.opinion_draft(
        actor=clerk,
        term=active_term(clerk),
        subject=Opinion.Subject.PROGRAMME,
        programme=programme,
        text="Rada proponuje dłuższy termin składania ofert.",
    )
    services.opinion_publish(opinion=opinion, actor=clerk, given_on=date(2026, 10, 10))
    assert programme_inputs(programme) != before
    text = programme_text(programme, tmp_path)
    part_10 = text.split("§ 10.", 1)[1].split("§ 11.", 1)[0]
    assert "Opinie Rady Działalności Pożytku Publicznego" in part_10
    assert "Rada proponuje dłuższy termin składania ofert." in part_10
