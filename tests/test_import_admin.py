"""The admin upload of BLS files: permission, size and type limits, a preview, confirm or cancel."""

import re
from html import unescape
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from careerpath import catalog as planner_catalog
from salaries.models import Projection, Release, WageEstimate

from .factories import oews_row, projection_row, write_oews_workbook, write_projections_workbook
from .test_import_oews import database_state, official_file

pytestmark = pytest.mark.django_db
OEWS_IMPORT = reverse("admin:salaries_release_import")
PROJECTIONS_IMPORT = reverse("admin:salaries_projection_import")


@pytest.fixture
def importer_client(client, django_user_model):
    """Staff who may view releases and import BLS files, and nothing else."""
    user = django_user_model.objects.create_user("importer", password="pw-unused-2", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="import_bls_files"),
        Permission.objects.get(codename="view_release"),
        Permission.objects.get(codename="view_projection"),
    )
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def staff_without_permission(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw-unused-3", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_release"))
    client.force_login(user)
    return client


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def preview(client, path, url=OEWS_IMPORT, **fields):
    response = client.post(url, {"workbook": upload(path), "occupation": "29-2072", **fields})
    assert response.status_code == 200
    return response


def confirm_fields(response, **extra):
    html = response.content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="(token|digest)" value="([^"]*)"', html))
    assert set(fields) == {"token", "digest"}, "the preview has no confirm form"
    return {**fields, **extra}


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get(OEWS_IMPORT)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_staff_without_the_import_permission_are_refused(staff_without_permission, tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    assert staff_without_permission.get(OEWS_IMPORT).status_code == 403
    response = staff_without_permission.post(OEWS_IMPORT, {"workbook": upload(path)})
    assert response.status_code == 403
    assert not Release.objects.exists()
    listing = staff_without_permission.get(reverse("admin:salaries_release_changelist"))
    assert b"Import BLS file" not in listing.content


def test_the_changelist_links_to_the_import_for_those_who_may(importer_client):
    listing = importer_client.get(reverse("admin:salaries_release_changelist"))
    assert f'href="{OEWS_IMPORT}"'.encode() in listing.content
    listing = importer_client.get(reverse("admin:salaries_projection_changelist"))
    assert f'href="{PROJECTIONS_IMPORT}"'.encode() in listing.content
    listing = importer_client.get(reverse("admin:salaries_projection_changelist"))
    assert f'href="{PROJECTIONS_IMPORT}"'.encode() in listing.content


def test_the_upload_page_follows_the_strict_csp(staff_client):
    response = staff_client.get(OEWS_IMPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'accept=".xlsx"' in html and 'enctype="multipart/form-data"' in html
    assert " style=" not in html and "<style" not in html
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))


def test_the_official_national_file_uploads_as_unchanged(importer_client, catalog):
    path = official_file("national_M2025_dl.xlsx")
    before = database_state()
    html = preview(importer_client, path).content.decode()
    assert "national_M2025_dl.xlsx: OEWS May 2025, 1,401 rows read" in html
    assert "0 added, 0 changed, 2 unchanged" in html
    assert database_state() == before


def test_the_preview_shows_the_difference_and_saves_nothing(importer_client, catalog, tmp_path):
    row = oews_row(TOT_EMP=194720, A_MEDIAN=51990)
    path = write_oews_workbook(
        tmp_path / "national_M2025_dl.xlsx", [row], period="May 2025", top_code_note=None
    )
    before = database_state()
    response = preview(importer_client, path)
    html = response.content.decode()
    assert "national_M2025_dl.xlsx: OEWS May 2025, 1 rows read" in html
    assert "a_median 51140 -&gt; 51990" in html
    assert "0 added, 1 changed, 1 unchanged" in html
    assert f'href="{reverse("admin:salaries_release_changelist")}" class="closelink">Cancel' in html
    assert database_state() == before  # a preview, and so a cancel, changes nothing


def test_confirming_applies_exactly_the_preview(importer_client, catalog, tmp_path):
    row = oews_row(TOT_EMP=194720, A_MEDIAN=51990)
    path = write_oews_workbook(
        tmp_path / "national_M2025_dl.xlsx", [row], period="May 2025", top_code_note=None
    )
    response = importer_client.post(OEWS_IMPORT, confirm_fields(preview(importer_client, path)))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:salaries_release_changelist")
    estimate = WageEstimate.objects.national().get(
        release__year=2025, occupation__soc_code="29-2072"
    )
    assert estimate.a_median == 51990
    latest = estimate.history.latest()
    assert latest.history_user == importer_client.user
    assert latest.history_change_reason == "Admin import of national_M2025_dl.xlsx"
    assert planner_catalog.current().stage_wages().annual[50] == 51990


def test_the_admin_and_the_command_show_the_same_difference(importer_client, catalog, tmp_path):
    rows = [
        oews_row(TOT_EMP=194720, A_MEDIAN=51990),
        oews_row(AREA="01", AREA_TITLE="Alabama", AREA_TYPE="2", A_MEDIAN=45000),
    ]
    path = write_oews_workbook(
        tmp_path / "state_M2025_dl.xlsx", rows, period="May 2025", top_code_note=None
    )
    out = StringIO()
    call_command("import_oews", str(path), "--dry-run", stdout=out)
    # The command's lines between the summary and the totals, one per row of the admin's table.
    command_lines = out.getvalue().splitlines()[1:-2]
    html = preview(importer_client, path).content.decode()
    table = re.search(r'<table id="import-difference">(.*?)</table>', html, re.S)[1]
    admin_rows = [
        " ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split())
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    ]
    assert [
        " ".join(line.replace(": ", " ", 1).replace("; ", " ").split()) for line in command_lines
    ] == admin_rows
    assert any(row.startswith("changed estimate 29-2072 · U.S.") for row in admin_rows)
    assert any(row.startswith("added estimate 29-2072 · Alabama") for row in admin_rows)


def test_a_new_release_can_be_made_current_on_confirming(importer_client, catalog, tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    response = preview(importer_client, path)
    assert b"Make this release current" in response.content
    importer_client.post(OEWS_IMPORT, confirm_fields(response, make_current="on"))
    assert Release.objects.get(is_current=True).year == 2030
    assert planner_catalog.current().stage_wages().reference_period == "May 2030"
    salaries_page = importer_client.get(reverse("salaries:explorer")).content.decode()
    assert "OEWS May 2030" in re.search(r"<title>(.*?)</title>", salaries_page, re.S)[1]


def test_a_changed_catalog_between_preview_and_confirm_is_shown_again(
    importer_client, catalog, tmp_path
):
    row = oews_row(TOT_EMP=194720, A_MEDIAN=51990)
    path = write_oews_workbook(
        tmp_path / "national_M2025_dl.xlsx", [row], period="May 2025", top_code_note=None
    )
    fields = confirm_fields(preview(importer_client, path))
    estimate = WageEstimate.objects.national().get(
        release__year=2025, occupation__soc_code="29-2072"
    )
    estimate.a_median = 51500
    estimate.save()
    response = importer_client.post(OEWS_IMPORT, fields)
    assert response.status_code == 200
    assert b"The catalog changed since the preview" in response.content
    assert b"a_median 51500 -&gt; 51990" in response.content
    estimate.refresh_from_db()
    assert estimate.a_median == 51500


def test_an_altered_preview_is_refused(importer_client, catalog, tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    fields = confirm_fields(preview(importer_client, path))
    before = database_state()
    fields["token"] = fields["token"][:-2] + "xx"
    response = importer_client.post(OEWS_IMPORT, fields)
    assert b"This preview has expired or was altered" in response.content
    assert database_state() == before


def test_only_xlsx_files_are_accepted(importer_client, tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    response = importer_client.post(
        OEWS_IMPORT, {"workbook": upload(path, "national_M2030_dl.csv"), "occupation": "29-2072"}
    )
    assert b"File extension \xe2\x80\x9ccsv\xe2\x80\x9d is not allowed" in response.content
    assert not Release.objects.exists()


def test_a_file_over_the_size_limit_is_refused_unread(importer_client, settings, tmp_path):
    settings.BLS_UPLOAD_MAX_BYTES = 2048
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()] * 20)
    assert path.stat().st_size > 2048
    response = importer_client.post(
        OEWS_IMPORT, {"workbook": upload(path), "occupation": "29-2072"}
    )
    assert response.status_code == 200
    assert b"The file is larger than the 2.0\xc2\xa0KB allowed here" in response.content
    assert not Release.objects.exists()


def test_a_damaged_file_is_a_form_error(importer_client, catalog, tmp_path):
    path = tmp_path / "national_M2030_dl.xlsx"
    path.write_bytes(b"PK\x03\x04 damaged")
    before = database_state()
    response = preview(importer_client, path)
    assert b"national_M2030_dl.xlsx could not be read as an .xlsx workbook" in response.content
    assert b"Confirm import" not in response.content
    assert database_state() == before


def test_a_bad_soc_code_is_a_form_error(importer_client, tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    response = importer_client.post(OEWS_IMPORT, {"workbook": upload(path), "occupation": "coders"})
    assert b"Enter a SOC code such as 29-2072." in response.content


def test_projections_are_uploaded_the_same_way(importer_client, catalog, tmp_path):
    path = write_projections_workbook(tmp_path / "occupation.xlsx", [projection_row()])
    response = preview(importer_client, path, url=PROJECTIONS_IMPORT)
    assert b"added" in response.content and b"projection 29-2072 2030-40" in response.content
    assert not Projection.objects.filter(base_year=2030).exists()
    importer_client.post(PROJECTIONS_IMPORT, confirm_fields(response, make_current="on"))
    assert Projection.objects.get(is_current=True, occupation__soc_code="29-2072").base_year == 2030


def test_the_admin_action_makes_one_release_current(staff_client, catalog):
    release = Release.objects.get(year=2024)
    response = staff_client.post(
        reverse("admin:salaries_release_changelist"),
        {"action": "make_current", "_selected_action": [release.pk]},
    )
    assert response.status_code == 302
    assert list(Release.objects.filter(is_current=True).values_list("year", flat=True)) == [2024]
    assert planner_catalog.current().stage_wages().reference_period == "May 2024"


def test_the_admin_action_needs_exactly_one_release(staff_client, catalog):
    chosen = Release.objects.filter(year__in=[2023, 2024]).values_list("pk", flat=True)
    response = staff_client.post(
        reverse("admin:salaries_release_changelist"),
        {"action": "make_current", "_selected_action": list(chosen)},
        follow=True,
    )
    assert b"Select exactly one to make current." in response.content
    assert Release.objects.get(is_current=True).year == 2025
