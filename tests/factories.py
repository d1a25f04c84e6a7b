"""factory-boy factories for every model: tests build exactly the rows they need."""

import factory
from factory.django import DjangoModelFactory

from catalog_rows import FactStatus
from certifications.models import (
    ApprenticeCredit,
    Certification,
    CertificationFact,
    CertifyingBody,
    CeuShare,
    CeuTier,
    CredentialRenewal,
    EligibilityRoute,
    ExamFee,
    RenewalFee,
    RenewalRule,
    SpecialtyTerm,
)
from salaries.models import Area, Industry, Occupation, Projection, Release, WageEstimate
from stages.models import (
    CareerStage,
    EducationLevel,
    Milestone,
    ResumeMetric,
    Role,
    RoleRequirement,
    StageSkill,
    Track,
    Transition,
)


class EducationLevelFactory(DjangoModelFactory):
    class Meta:
        model = EducationLevel
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"education-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    rank = factory.Sequence(lambda n: 100 + n)


class CareerStageFactory(DjangoModelFactory):
    class Meta:
        model = CareerStage
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"stage-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.title())
    order = factory.Sequence(lambda n: 100 + n)
    min_years = factory.Sequence(lambda n: 100 + n)  # stages begin in different years
    percentile_low = 10
    percentile_high = 25
    focus = "Foundation"
    timeline_label = "Years 0-2"
    summary = "A stage of a coding career."


class TrackFactory(DjangoModelFactory):
    class Meta:
        model = Track
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"track-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.title())
    order = factory.Sequence(lambda n: 100 + n)
    description = "A direction a career can take."


class OccupationFactory(DjangoModelFactory):
    class Meta:
        model = Occupation
        django_get_or_create = ["soc_code"]

    soc_code = "29-2072"
    title = "Medical Records Specialists"


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = Role

    slug = factory.Sequence(lambda n: f"role-{n}")
    title = factory.Sequence(lambda n: f"Role {n}")
    stage = factory.SubFactory(CareerStageFactory)
    track = factory.SubFactory(TrackFactory)
    summary = "What the role does."
    min_years = 0


class CertifyingBodyFactory(DjangoModelFactory):
    class Meta:
        model = CertifyingBody
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"body-{n}")
    acronym = factory.LazyAttribute(lambda o: o.slug.upper())
    name = factory.LazyAttribute(lambda o: f"{o.acronym} certifying body")


class CertificationFactory(DjangoModelFactory):
    class Meta:
        model = Certification
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"cert-{n}")
    acronym = factory.LazyAttribute(lambda o: o.slug.upper())
    name = factory.LazyAttribute(lambda o: f"Certified {o.acronym}")
    body = factory.SubFactory(CertifyingBodyFactory)


class CertificationFactFactory(DjangoModelFactory):
    class Meta:
        model = CertificationFact

    certification = factory.SubFactory(CertificationFactory)
    topic = "exam_format"
    value = "100 multiple-choice questions, 4 hours"
    status = FactStatus.P_WEB
    source = "issuer's page"


class ExamFeeFactory(DjangoModelFactory):
    class Meta:
        model = ExamFee

    certification = factory.SubFactory(CertificationFactory)
    low = 199
    high = 299
    status = FactStatus.P_WEB
    source = "issuer's page"


class SpecialtyTermFactory(DjangoModelFactory):
    class Meta:
        model = SpecialtyTerm
        django_get_or_create = ["term"]
        skip_postgeneration_save = True  # the many-to-many set saves what it needs

    term = factory.Sequence(lambda n: f"specialty {n}")

    @factory.post_generation
    def certifications(self, create, extracted, **kwargs):
        if create and extracted:
            self.certifications.set(extracted)


class EligibilityRouteFactory(DjangoModelFactory):
    class Meta:
        model = EligibilityRoute
        skip_postgeneration_save = True

    certification = factory.SubFactory(CertificationFactory)
    position = factory.Sequence(lambda n: n + 1)
    status = FactStatus.P_WEB

    @factory.post_generation
    def credentials(self, create, extracted, **kwargs):
        if create and extracted:
            self.credentials.set(extracted)


class RenewalRuleFactory(DjangoModelFactory):
    class Meta:
        model = RenewalRule
        django_get_or_create = ["body"]

    body = factory.SubFactory(CertifyingBodyFactory)
    cycle_years = 2
    status = FactStatus.P_WEB
    source = "issuer's renewal page"


class CeuTierFactory(DjangoModelFactory):
    class Meta:
        model = CeuTier

    rule = factory.SubFactory(RenewalRuleFactory)
    credentials = 1
    ceus = 36


class CeuShareFactory(DjangoModelFactory):
    class Meta:
        model = CeuShare

    rule = factory.SubFactory(RenewalRuleFactory)
    position = factory.Sequence(lambda n: n + 1)
    percent = 80
    topic = "in the HIIM domains"
    status = FactStatus.P_WEB
    source = "issuer's renewal page"


class RenewalFeeFactory(DjangoModelFactory):
    class Meta:
        model = RenewalFee

    rule = factory.SubFactory(RenewalRuleFactory)
    position = factory.Sequence(lambda n: n + 1)
    label = "Recertification fee"
    kind = "recertification"
    amount = "218.00"
    period = "cycle"
    status = FactStatus.P_WEB
    source = "issuer's FAQ"


class CredentialRenewalFactory(DjangoModelFactory):
    class Meta:
        model = CredentialRenewal
        skip_postgeneration_save = True

    certification = factory.SubFactory(CertificationFactory)
    status = FactStatus.P_WEB
    source = "issuer's renewal page"

    @factory.post_generation
    def replaces(self, create, extracted, **kwargs):
        if create and extracted:
            self.replaces.set(extracted)


class ApprenticeCreditFactory(DjangoModelFactory):
    class Meta:
        model = ApprenticeCredit

    body = factory.SubFactory(CertifyingBodyFactory)
    kind = factory.Sequence(lambda n: f"credit-{n}")
    label = "a coding course"
    years = 1
    status = FactStatus.P_WEB
    source = "issuer's apprenticeship page"


class RoleRequirementFactory(DjangoModelFactory):
    class Meta:
        model = RoleRequirement
        skip_postgeneration_save = True

    role = factory.SubFactory(RoleFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = "required"

    @factory.post_generation
    def certifications(self, create, extracted, **kwargs):
        if create:
            self.certifications.set(extracted or [CertificationFactory()])


class TransitionFactory(DjangoModelFactory):
    class Meta:
        model = Transition

    from_role = factory.SubFactory(RoleFactory)
    to_role = factory.SubFactory(RoleFactory)
    kind = "promotion"


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"milestone-{n}")
    stage = factory.SubFactory(CareerStageFactory)
    title = "Coding accuracy above 95%"
    description = "Keep accuracy at or above 95%."
    check_kind = "accuracy"
    threshold = 95

    @factory.post_generation
    def certifications(self, create, extracted, **kwargs):
        if create and extracted:
            self.certifications.set(extracted)


class StageSkillFactory(DjangoModelFactory):
    class Meta:
        model = StageSkill

    stage = factory.SubFactory(CareerStageFactory)
    category = "technical"
    text = factory.Sequence(lambda n: f"Skill {n}")


class ResumeMetricFactory(DjangoModelFactory):
    class Meta:
        model = ResumeMetric

    slug = factory.Sequence(lambda n: f"metric-{n}")
    stage = factory.SubFactory(CareerStageFactory)
    text = "Coding accuracy rate"


class ReleaseFactory(DjangoModelFactory):
    class Meta:
        model = Release
        django_get_or_create = ["survey", "year"]

    survey = "oews"
    year = factory.Sequence(lambda n: 2000 + n)
    reference_period = factory.LazyAttribute(lambda o: f"May {o.year}")


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["code"]

    code = "99"
    title = "U.S."
    kind = "national"


class IndustryFactory(DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ["naics"]

    naics = "000000"
    title = "Cross-industry"
    group = "cross-industry"


class WageEstimateFactory(DjangoModelFactory):
    class Meta:
        model = WageEstimate

    release = factory.SubFactory(ReleaseFactory)
    occupation = factory.SubFactory(OccupationFactory)
    area = factory.SubFactory(AreaFactory)
    industry = factory.SubFactory(IndustryFactory)
    employment = 194720
    a_pct10 = 37000
    a_pct25 = 43490
    a_median = 51140
    a_pct75 = 64820
    a_pct90 = 81150
    a_mean = 56790
    source = "test row"


class ProjectionFactory(DjangoModelFactory):
    class Meta:
        model = Projection

    occupation = factory.SubFactory(OccupationFactory)
    base_year = factory.Sequence(lambda n: 2000 + n)
    target_year = factory.LazyAttribute(lambda o: o.base_year + 10)
    employment_base = "194.8"
    employment_target = "208.6"
    change_numeric = "13.8"
    change_percent = "7.1"
    annual_openings = "14.2"
    source = "test row"


# BLS workbooks in the official layouts, written by the tests (never copies of BLS files).

OEWS_HEADER = [
    "AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP",
    "OWN_CODE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "JOBS_1000",
    "LOC_QUOTIENT", "PCT_TOTAL", "PCT_RPT", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_PCT10",
    "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75",
    "A_PCT90", "ANNUAL", "HOURLY",
]  # fmt: skip


def oews_row(**overrides):
    """A 29-2072 national row as BLS publishes it (codes as text), for a made-up year."""
    row = {
        "AREA": "99", "AREA_TITLE": "U.S.", "AREA_TYPE": "1", "PRIM_STATE": "US",
        "NAICS": "000000", "NAICS_TITLE": "Cross-industry", "I_GROUP": "cross-industry",
        "OWN_CODE": "1235", "OCC_CODE": "29-2072", "OCC_TITLE": "Medical Records Specialists",
        "O_GROUP": "detailed", "TOT_EMP": 201230, "EMP_PRSE": 1.2, "JOBS_1000": None,
        "LOC_QUOTIENT": None, "PCT_TOTAL": None, "PCT_RPT": None, "H_MEAN": 28.1,
        "A_MEAN": 58450, "MEAN_PRSE": 0.5, "H_PCT10": 18.25, "H_PCT25": 21.5, "H_MEDIAN": 25.4,
        "H_PCT75": 32.05, "H_PCT90": 40.1, "A_PCT10": 37960, "A_PCT25": 44720, "A_MEDIAN": 52830,
        "A_PCT75": 66660, "A_PCT90": 83410, "ANNUAL": "", "HOURLY": "",
    }  # fmt: skip
    row.update(overrides)
    return row


def write_oews_workbook(
    path,
    rows,
    *,
    period="May 2030",
    sheet_title=None,
    header=OEWS_HEADER,
    field_descriptions=True,
    top_code_note="#  = indicates a wage equal to or greater than $115.00 per hour or "
    "$239,200 per year ",
):
    """An OEWS workbook in the official layout: data on the first sheet, then Field Descriptions.

    `top_code_note=None` states no top code (the May 2025 release has none on record).
    """
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_title or f"national_M{period[-4:]}_dl"
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(column) for column in header])
    if field_descriptions:
        notes = workbook.create_sheet("Field Descriptions")
        for line in [f"{period} OEWS Estimates", None, "Notes:", "*  = indicates that a wage "
                     "estimate is not available", top_code_note]:  # fmt: skip
            notes.append([line])
    workbook.create_sheet("UpdateTime").append(["Updated for the tests"])
    workbook.save(path)
    return path


PROJECTION_HEADER = [
    "{base} National Employment Matrix title", "{base} National Employment Matrix code",
    "Occupation type", "Employment, {base}", "Employment, {target}",
    "Employment distribution, percent, {base}", "Employment distribution, percent, {target}",
    "Employment change, numeric, {base}–{short}", "Employment change, percent, {base}–{short}",
    "Percent self employed, {base}", "Occupational openings, {base}–{short} annual average",
    "Median annual wage, dollars, {base}[1]", "Typical education needed for entry",
    "Work experience in a related occupation",
    "Typical on-the-job training needed to attain competency in the occupation",
    "Related Occupational Outlook Handbook (OOH) content xlsx",
]  # fmt: skip


def projection_row(**overrides):
    """A Table 1.2 line as BLS publishes it (titles indented, employment in thousands)."""
    row = {
        "title": "      Medical records specialists", "code": "29-2072", "type": "Line item",
        "base": 201.4, "target": 216.9, "share_base": 0.1, "share_target": 0.1, "change": 15.5,
        "percent": 7.7, "self_employed": 0.9, "openings": 14.6, "wage": 52830,
        "education": "Postsecondary nondegree award", "experience": "None", "training": "None",
        "ooh": "OOH Content",
    }  # fmt: skip
    row.update(overrides)
    return list(row.values())


def write_projections_workbook(path, rows, *, base=2030, target=2040):
    """The Employment Projections workbook: an Index, Table 1.1, then Table 1.2 (title, header)."""
    import openpyxl

    short = str(target)[-2:]
    workbook = openpyxl.Workbook()
    workbook.active.title = "Index"
    workbook.create_sheet("Table 1.1").append(["Table 1.1 Employment by major group"])
    sheet = workbook.create_sheet("Table 1.2")
    sheet.append([f"Table 1.2 Occupational projections, {base}–{target} (Employment in thousands)"])
    sheet.append([h.format(base=base, target=target, short=short) for h in PROJECTION_HEADER])
    sheet.append(projection_row(title="Total, all occupations", code="00-0000", type="Summary"))
    for row in rows:
        sheet.append(row)
    sheet.append(["Footnotes:"])
    sheet.append(['Note: Data is unavailable for values denoted with a "—".'])
    workbook.save(path)
    return path


def write_hostile_workbook(path, *, rows=0, shared_strings=0, padding_bytes=0, cells=None):
    """An .xlsx built by hand, as an attacker would: an OEWS header, then `rows` rows (an
    occupation nobody imports, or `cells`: {column: text}), `shared_strings` strings in the
    string table, and `padding_bytes` of random bytes stored uncompressed, so that the packed
    size keeps the unpacked-to-packed ratio check quiet. Written as a stream: millions of rows
    take seconds and little memory."""
    import os
    import zipfile

    from openpyxl.utils import get_column_letter

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    content = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    header = "".join(
        f'<c r="{get_column_letter(n)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for n, name in enumerate(OEWS_HEADER, start=1)
    )
    cells = dict(cells or {"OCC_CODE": "11-1011"})
    # Neither rows nor cells carry their reference (openpyxl counts them; an empty <c/> holds a
    # column's place), so identical rows are one string repeated, unless a cell's text varies
    # with the row ("{n}").
    last = max(OEWS_HEADER.index(column) for column in cells)
    row = "<row>{}</row>".format(
        "".join(
            f'<c t="inlineStr"><is><t>{cells[column]}</t></is></c>' if column in cells else "<c/>"
            for column in OEWS_HEADER[: last + 1]
        )
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
            '-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            + "".join(
                f'<Override PartName="/xl/{part}.xml" ContentType="{content}.{part_type}+xml"/>'
                for part, part_type in (
                    ("workbook", "sheet.main"),
                    ("worksheets/sheet1", "worksheet"),
                    ("sharedStrings", "sharedStrings"),
                )
            )
            + "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{package}"><Relationship Id="rId1" '
            f'Type="{kind}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{relations}"><sheets>'
            '<sheet name="national_M2030_dl" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{kind}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{kind}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{main}"><sheetData><row r="1">{header}</row>'.encode())
            for start in range(2, rows + 2, 100_000):
                block = range(start, min(start + 100_000, rows + 2))
                if "{n}" in row:
                    sheet.write("".join(row.replace("{n}", str(n)) for n in block).encode())
                else:
                    sheet.write(row.encode() * len(block))
            sheet.write(b"</sheetData></worksheet>")
        with archive.open("xl/sharedStrings.xml", "w") as table:
            table.write(f'<sst xmlns="{main}">'.encode())
            block = b"<si><t>x</t></si>" * 100_000
            for start in range(0, shared_strings, 100_000):
                table.write(block[: 17 * min(100_000, shared_strings - start)])
            table.write(b"</sst>")
        if padding_bytes:
            archive.writestr(
                zipfile.ZipInfo("xl/media/padding.bin"),
                os.urandom(padding_bytes),
                compress_type=zipfile.ZIP_STORED,
            )
    return path
