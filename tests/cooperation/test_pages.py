import pytest


@pytest.mark.django_db
def test_home_is_polish_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="pl">' in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/deklaracja-dostepnosci/", "/ochrona-danych/"])
def test_footer_pages_render(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.count(b"<h1") == 1
