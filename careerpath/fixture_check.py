"""The catalog fixtures, checked through the models before anything is loaded.

Each record is deserialized as `loaddata` would (natural keys, forward references across files)
and `full_clean()`ed, so the models' own fields, validators and constraints decide what is
valid: nothing is restated here. It all happens inside a transaction, rolled back unless the
caller keeps what was saved (`keep`: the files are then loaded, checked as they go in). Only
what one model cannot say is checked here: the record's shape (natural keys only, never numeric
ids), references to records that no file defines, and a record defined twice. Problems name
the file, the record and the field.
"""

import json
from collections import Counter
from pathlib import Path

from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, models, transaction

MAX_SHOWN = 20


class FixtureError(Exception):
    """A fixture file that must not be loaded; the message says where and why."""


class _Rollback(Exception):
    pass


def _read(path: Path) -> list:
    try:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FixtureError(f"{path}: not a readable JSON file ({error})") from None
    if not isinstance(records, list):
        raise FixtureError(f"{path}: a fixture file is a JSON list of records")
    return records


def _shape_problem(record) -> str:
    if not isinstance(record, dict) or not isinstance(record.get("fields"), dict):
        return "a record is an object with 'model' and 'fields'"
    if "pk" in record:
        return "numeric ids are not used: a record is found by its natural key"
    extra = set(record) - {"model", "fields"}
    if extra:
        return f"unknown key(s) {sorted(extra)}: a record has only 'model' and 'fields'"
    if not isinstance(record.get("model"), str):
        return "'model' names the record's model, such as stages.role"
    return ""


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            (f"field '{name}': " if name != "__all__" else "") + " ".join(messages)
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def _describe(instance: models.Model) -> str:
    label = instance._meta.label_lower
    try:
        return f"{label} {list(instance.natural_key())}"
    except (AttributeError, ObjectDoesNotExist):
        return label


def _dangling(deserialized) -> str:
    """The deferred references of one record that no fixture defines, in words."""
    words = []
    for field, value in deserialized.deferred_fields.items():
        target = field.remote_field.model._meta.label_lower
        keys = value if field.many_to_many else [value]
        missing = []
        for key in keys:
            key = key if isinstance(key, list | tuple) else [key]
            try:
                field.remote_field.model._default_manager.get_by_natural_key(*key)
            except ObjectDoesNotExist:
                missing.append(list(key))
        for key in missing:
            words.append(f"field '{field.name}' refers to {target} {key}, which no fixture defines")
    return "; ".join(words)


def validate_files(paths: list[Path], *, keep: bool = False) -> dict[str, int]:
    """Check fixture files together through the models; return records per model, or raise
    FixtureError listing every problem found. The database is left as it was, unless `keep`
    and nothing was wrong: then the records stay saved, as `loaddata` would save them."""
    problems: list[str] = []
    counts: Counter = Counter()
    try:
        with transaction.atomic():
            saved: set[tuple[str, object]] = set()
            deferred = []
            for path in paths:
                for number, record in enumerate(_read(path), start=1):
                    where = f"{path}, record {number}"
                    if problem := _shape_problem(record):
                        problems.append(f"{where}: {problem}")
                        continue
                    result = _load_one(record, where, saved)
                    if isinstance(result, str):
                        problems.append(result)
                        continue
                    counts[record["model"].lower()] += 1
                    if result.deferred_fields:
                        deferred.append((where, result))
            for where, item in deferred:
                dangling = _dangling(item)
                if dangling:
                    problems.append(f"{where} ({_describe(item.object)}): {dangling}")
                    continue
                try:
                    with transaction.atomic():
                        item.save_deferred_fields()
                        item.object.full_clean()
                except ValidationError as error:
                    problems.append(f"{where} ({_describe(item.object)}): {_messages(error)}")
                except (DeserializationError, DatabaseError) as error:
                    problems.append(f"{where} ({_describe(item.object)}): {error}")
            if problems or not keep:
                raise _Rollback
    except _Rollback:
        pass
    if problems:
        shown = "\n".join(problems[:MAX_SHOWN])
        more = f"\n… and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
        raise FixtureError(f"{len(problems)} problem(s) in the catalog fixtures:\n{shown}{more}")
    return dict(counts)


def _load_one(record: dict, where: str, saved: set):
    """Deserialize, clean and save one record (in a savepoint); a problem comes back as text."""
    try:
        (item,) = serializers.deserialize("python", [record], handle_forward_references=True)
    except FieldDoesNotExist as error:
        return f"{where} ({record['model']}): {error}"  # "Role has no field named 'salary'"
    except DeserializationError as error:
        return f"{where} ({record['model']}): {error.__cause__ or error}"
    except ObjectDoesNotExist:
        # Its natural key goes through a record that is missing or was refused above.
        return f"{where} ({record['model']}): it belongs to a record that no fixture loads"
    instance = item.object
    key = (instance._meta.label_lower, instance.pk)
    if instance.pk is not None and key in saved:
        return f"{where} ({_describe(instance)}): defined twice"
    # A row already in the database (found by its natural key) is being updated, not added.
    instance._state.adding = instance.pk is None
    waiting = [f.name for f in item.deferred_fields if not f.many_to_many]
    if any(not f.many_to_many and not f.null for f in item.deferred_fields):
        # A row cannot wait for a required reference: what it names must already be defined.
        return f"{where} ({_describe(instance)}): {_dangling(item)}"
    try:
        instance.full_clean(exclude=waiting, validate_unique=not waiting)
        with transaction.atomic():
            item.save()
    except ValidationError as error:
        return f"{where} ({_describe(instance)}): {_messages(error)}"
    except DatabaseError as error:
        return f"{where} ({_describe(instance)}): the database refuses it ({error})"
    saved.add((instance._meta.label_lower, instance.pk))
    return item
