"""BLS imports with bounded work: hostile workbooks are refused in one line naming the limit,
with nothing saved and no temporary file left; a preview is kept on the server until confirmed.
"""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from salaries import bls
from salaries.models import PendingImport, Release, WageEstimate

from .factories import oews_row, write_hostile_workbook, write_oews_workbook
from .test_import_admin import confirm_fields
from .test_import_oews import database_state, official_file

pytestmark = pytest.mark.django_db
OEWS_IMPORT = reverse("admin:salaries_release_import")
PROGRESS = reverse("admin:salaries_release_import_progress")
MB = 1024 * 1024


@pytest.fixture
def uploads(settings, tmp_path):
    """Where Django spools uploads: every upload goes to a temporary file there."""
    folder = tmp_path / "uploads"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    return folder


def upload(client, path, occupation="29-2072"):
    workbook = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post(OEWS_IMPORT, {"workbook": workbook, "occupation": occupation})


def form_error(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*><li>(.*?)</li>', html)
    assert len(errors) == 1, errors
    return errors[0].replace("&#x27;", "'")


# Cells of a row of 29-2072 for metro area n (one distinct area per row of the sheet).
METRO_ROW = {
    "AREA": "{n}",
    "AREA_TITLE": "Metro {n}",
    "AREA_TYPE": "4",
    "NAICS": "000000",
    "NAICS_TITLE": "Cross-industry",
    "I_GROUP": "cross-industry",
    "OWN_CODE": "1235",
    "OCC_CODE": "29-2072",
    "OCC_TITLE": "Medical Records Specialists",
    "O_GROUP": "detailed",
}


# The attacks as reported, replayed through the admin upload.


def test_three_million_rows_are_refused_at_the_row_cap(staff_client, catalog, uploads, tmp_path):
    # About 270 MB of XML in a 7 MB file, padded so that it passes the unpacked-size check.
    path = write_hostile_workbook(
        tmp_path / "national_M2030_dl.xlsx", rows=3_000_000, padding_bytes=6 * MB
    )
    before = database_state()
    error = form_error(upload(staff_client, path))
    assert error == (
        "national_M2030_dl.xlsx has more than 1,000,000 rows in a sheet, the most an import "
        "reads (the largest BLS file has about 400,000)."
    )
    assert database_state() == before
    assert not PendingImport.objects.exists()
    assert list(uploads.iterdir()) == []


def test_25_million_shared_strings_are_refused_at_the_cap(staff_client, catalog, uploads, tmp_path):
    path = write_hostile_workbook(
        tmp_path / "national_M2030_dl.xlsx", shared_strings=25_000_000, padding_bytes=11 * MB
    )
    before = database_state()
    error = form_error(upload(staff_client, path))
    assert error == (
        "national_M2030_dl.xlsx has more than 1,000,000 shared strings, the most an import reads "
        "(BLS files have a few thousand)."
    )
    assert database_state() == before
    assert not PendingImport.objects.exists()
    assert list(uploads.iterdir()) == []


def test_twelve_thousand_rows_for_the_occupation_are_refused(staff_client, uploads, tmp_path):
    path = write_hostile_workbook(
        tmp_path / "metro_M2030_dl.xlsx", rows=12_000, cells=METRO_ROW, padding_bytes=MB // 2
    )
    error = form_error(upload(staff_client, path))
    assert error == (
        "metro_M2030_dl.xlsx has more than 5,000 rows for occupation 29-2072, the most an "
        "import takes (BLS files have about 1,000)."
    )
    assert not Release.objects.exists() and list(uploads.iterdir()) == []


def test_a_read_past_the_time_allowed_in_a_request_is_stopped(
    staff_client, settings, uploads, tmp_path
):
    settings.BLS_UPLOAD_READ_SECONDS = 0  # any read of a thousand rows takes longer than that
    path = write_hostile_workbook(
        tmp_path / "national_M2030_dl.xlsx", rows=5000, padding_bytes=MB // 8
    )
    error = form_error(upload(staff_client, path))
    assert error == (
        "national_M2030_dl.xlsx was still being read after 0 seconds (1,000 rows read), the "
        "longest a read may take here. Import it with manage.py on the server, where this limit "
        "does not apply."
    )
    assert not PendingImport.objects.exists() and list(uploads.iterdir()) == []


def test_the_command_line_has_the_same_caps(tmp_path):
    path = write_hostile_workbook(tmp_path / "national_M2030_dl.xlsx", shared_strings=2_000_000)
    with pytest.raises(CommandError, match="more than 1,000,000 shared strings") as refused:
        call_command("import_oews", str(path))
    assert "\n" not in str(refused.value)


def test_rows_a_sheet_skips_over_count_towards_the_cap(tmp_path):
    # One row numbered a million: openpyxl yields every empty row before it.
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    small = bls.ReadLimits(rows=1000)
    with pytest.raises(bls.LimitExceeded, match="more than 1,000 rows") as refused:
        bls.read_oews(sparse_copy(path, tmp_path / "national_M2031_dl.xlsx"), limits=small)
    assert refused.value.limit == "rows"
    assert bls.read_oews(path, limits=small).rows_read == 1  # the same file, rows numbered


def sparse_copy(path, target):
    import zipfile

    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<row r="2"', b'<row r="5000"', data)
                data = re.sub(rb'r="([A-Z]+)2"', rb'r="\g<1>5000"', data)
            copy.writestr(entry, data)
    return target


# Real files still import: the caps are far above them.


def test_the_official_industry_file_reads_within_the_caps():
    workbook = bls.read_oews(official_file("natsector_M2024_dl.xlsx"))
    assert workbook.rows_read == 16_434
    assert workbook.reference_period == "May 2024"
    assert len(workbook.rows) == 13 and "62" in {row.naics for row in workbook.rows}


def test_progress_is_reported_as_rows_are_read(tmp_path):
    path = write_hostile_workbook(tmp_path / "national_M2030_dl.xlsx", rows=3500)
    seen = []
    with pytest.raises(bls.BLSFileError, match=r"no row for occupation 29-2072 \(3500 rows"):
        bls.read_oews(path, progress=seen.append)
    assert seen == [1000, 2000, 3000]


# The confirm step keeps the previewed file on the server.


def test_the_confirm_form_carries_a_key_not_the_file(staff_client, catalog, tmp_path):
    rows = [oews_row(AREA=f"{code:02d}", AREA_TITLE=f"State {code}", AREA_TYPE="2")
            for code in range(1, 57)]  # fmt: skip
    path = write_oews_workbook(tmp_path / "state_M2030_dl.xlsx", rows)
    preview = upload(staff_client, path)
    fields = confirm_fields(preview)
    assert len(json.dumps(fields)) < 600  # a signed key and a digest, whatever the file's size
    pending = PendingImport.objects.get()
    assert pending.user.username == "staff" and len(pending.parsed["rows"]) == 56
    response = staff_client.post(OEWS_IMPORT, fields)
    assert response.status_code == 302
    assert WageEstimate.objects.filter(release__year=2030).count() == 56
    assert not PendingImport.objects.exists()  # confirmed: gone


def test_another_user_cannot_confirm_my_preview(staff_client, catalog, tmp_path, django_user_model):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    fields = confirm_fields(upload(staff_client, path))
    other = django_user_model.objects.create_superuser("other", "o@example.org", "pw-unused-5")
    intruder = Client()
    intruder.force_login(other)
    response = intruder.post(OEWS_IMPORT, fields)
    assert b"This preview has expired or was altered" in response.content
    assert not Release.objects.filter(year=2030).exists()
    assert PendingImport.objects.count() == 1  # still the owner's to confirm


def test_an_expired_preview_cannot_be_confirmed_and_is_cleaned_up(staff_client, catalog, tmp_path):
    from django.utils import timezone

    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    fields = confirm_fields(upload(staff_client, path))
    PendingImport.objects.update(expires_at=timezone.now())
    response = staff_client.post(OEWS_IMPORT, fields)
    assert b"This preview has expired or was altered" in response.content
    assert not Release.objects.filter(year=2030).exists()
    upload(staff_client, path)  # the next upload deletes expired rows
    assert PendingImport.objects.count() == 1


def test_a_successful_preview_leaves_no_temporary_file(staff_client, catalog, uploads, tmp_path):
    path = write_oews_workbook(tmp_path / "national_M2030_dl.xlsx", [oews_row()])
    assert b"Confirm import" in upload(staff_client, path).content
    assert list(uploads.iterdir()) == []


# The progress the upload page shows while a file is read.


def test_progress_answers_only_about_the_users_own_upload(staff_client, django_user_model):
    from django.utils import timezone

    owner = django_user_model.objects.get(username="staff")
    PendingImport.objects.create(
        key="k" * 32,
        user=owner,
        kind="oews",
        file_name="state_M2030_dl.xlsx",
        rows_read=12000,
        expires_at=timezone.now(),
    )
    assert staff_client.get(PROGRESS, {"upload": "k" * 32}).json() == {
        "state": "reading",
        "file": "state_M2030_dl.xlsx",
        "rows_read": 12000,
    }
    assert staff_client.get(PROGRESS, {"upload": "x" * 32}).json() == {"state": "uploading"}
    other = django_user_model.objects.create_superuser("other", "o@example.org", "pw-unused-6")
    intruder = Client()
    intruder.force_login(other)
    assert intruder.get(PROGRESS, {"upload": "k" * 32}).json() == {"state": "uploading"}
    assert Client().get(PROGRESS, {"upload": "k" * 32}).status_code == 302  # to the login


def test_the_upload_page_names_the_upload_for_its_progress(staff_client):
    html = staff_client.get(OEWS_IMPORT).content.decode()
    assert f'data-progress-url="{PROGRESS}"' in html
    assert re.search(r'<input type="hidden" name="upload" value="[A-Za-z0-9_-]{32}"', html)
    assert '<p id="import-progress" role="status"></p>' in html
    assert "salaries/import_progress" in html
