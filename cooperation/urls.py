from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import JavaScriptCatalog, set_language

from cooperation.core import uploads

admin.site.site_header = settings.MUNICIPALITY_NAME
admin.site.site_title = _("Portal Współpracy — administration")
admin.site.index_title = _("Cooperation with non-governmental organisations")
# Staff log in through allauth, so the admin gets rate limits and two-factor too.
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    # The language switch of every page posts here without a CSRF token: changing
    # the display language is not a sensitive action, and a token would make every
    # public page personal and uncacheable (cooperation/core/cache.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("konto/", include("cooperation.accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    # Uploaded files (MEDIA_URL), each after a check of who may see it.
    path("pliki/<path:name>", uploads.serve, name="uploaded-file"),
    path("", include("cooperation.api.urls")),
    path("", include("cooperation.site.urls")),
    path("", include("cooperation.programme.urls")),
    path("", include("cooperation.evaluation.quality.urls")),
    path("", include("cooperation.evaluation.urls")),
    path("", include("cooperation.nonfinancial.urls")),
    path("", include("cooperation.council.urls")),
    path("", include("ngos.urls")),
    path("", include("grants.urls")),
    path("", include("consultations.urls")),
    path("", include("workshops.urls")),
]
