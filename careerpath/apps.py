from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save


def catalog_changed(sender, raw=False, **kwargs):
    # Loading fixtures (raw) bumps once at the end instead of once per row.
    if not raw:
        from careerpath import catalog

        catalog.bump()


class CareerpathConfig(AppConfig):
    name = "careerpath"
    verbose_name = "Careerpath"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from careerpath.signin import alert_on_aimed_failures

        # Connected after django-axes' own receiver (axes comes first in INSTALLED_APPS), so the
        # failure being reported is already counted.
        user_login_failed.connect(alert_on_aimed_failures, dispatch_uid="careerpath-signin")

        from catalog_rows import catalog_models  # defines a model: importable once apps load

        # Every model marked as a catalog row, in whichever app: the mark decides, not the app.
        for model in catalog_models(apps.get_models()):
            post_save.connect(catalog_changed, sender=model, dispatch_uid=f"bump-{model}")
            post_delete.connect(catalog_changed, sender=model, dispatch_uid=f"del-{model}")
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    catalog_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"m2m-{field}",
                )
