"""planner.stage_bands: the band of every stage in any release, by salary_band's one rule."""

from careerpath.planner import WageDistribution, salary_band, stage_bands

MAY_2024 = WageDistribution(
    reference_period="May 2024",
    source="BLS OEWS national_M2024_dl.xlsx (oesm24nat.zip), OCC_CODE 29-2072",
    occupation="29-2072",
    annual={10: 35780, 25: 41600, 50: 50250, 75: 64070, 90: 80950},
    annual_mean=55970,
)


def test_the_current_releases_bands_are_salary_bands(real_catalog):
    bands = stage_bands(real_catalog, real_catalog.stage_wages())
    assert [b.stage.slug for b in bands] == ["entry", "mid", "senior"]
    assert [b.band for b in bands] == [salary_band(real_catalog, b.stage) for b in bands]
    assert (bands[0].band.low, bands[0].band.high) == (37000, 43490)


def test_another_release_gives_its_own_dollars(real_catalog):
    bands = stage_bands(real_catalog, MAY_2024)
    assert [(b.stage.name, b.band.low, b.band.high) for b in bands] == [
        ("Entry-level", 35780, 41600),
        ("Mid-career", 41600, 64070),
        ("Senior/Management", 64070, 80950),
    ]
    assert {b.band.median for b in bands} == {50250}
    assert {b.band.reference_period for b in bands} == {"May 2024"}
    # The catalog itself still plans with the current release.
    assert real_catalog.stage_wages().reference_period == "May 2025"


def test_an_unpublished_percentile_leaves_that_band_empty(real_catalog):
    wages = MAY_2024.model_copy(update={"annual": {**MAY_2024.annual, 90: None}})
    bands = stage_bands(real_catalog, wages)
    assert [b.band is None for b in bands] == [False, False, True]


def test_without_wages_no_stage_has_a_band(real_catalog):
    assert [b.band for b in stage_bands(real_catalog, None)] == [None, None, None]
