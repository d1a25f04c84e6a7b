"""The bridge between the catalog rows in the database and the rest of the app."""

from certifications.models import Certification, CertifyingBody
from salaries.models import Occupation, Release
from stages.models import CareerStage, Role, Track

CATALOG_MODELS = [CareerStage, Track, Role, CertifyingBody, Certification, Occupation, Release]


def catalog_is_empty() -> bool:
    return not any(model.objects.exists() for model in CATALOG_MODELS)
