"""What a browser downloads: pages compressed when it accepts gzip, styles only where used."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_a_browser_that_accepts_gzip_gets_the_plan_compressed(client, catalog):
    url = "/plan/?role=medical-coder-i&years=2&cert=cpc"
    plain = client.get(url)
    packed = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain and packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"] and "HX-Request" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert "Medical Coder I" in html and len(packed.content) < len(plain.content) / 2
    partial = client.get(url, headers={"Accept-Encoding": "gzip", "HX-Request": "true"})
    assert 'id="plan-result"' in gzip.decompress(partial.content).decode()


def test_the_career_maps_styles_load_on_the_map_page_only(client, catalog):
    assert "career_map" in client.get("/paths/").content.decode()
    for page in ("/plan/", "/", "/certifications/", "/salaries/"):
        assert "career_map" not in client.get(page).content.decode(), page
