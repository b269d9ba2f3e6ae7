from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

from . import views

admin.site.site_header = settings.MUNICIPALITY_NAME
admin.site.site_title = _("Portal Współpracy — administration")
admin.site.index_title = _("Cooperation with non-governmental organisations")
# Staff log in through allauth, so the admin gets rate limits and two-factor too.
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("deklaracja-dostepnosci/", views.accessibility_statement, name="accessibility"),
    path("ochrona-danych/", views.privacy, name="privacy"),
    path("healthz/", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("konto/", include("cooperation.account_urls")),
    path("konto/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("cooperation.app_urls")),
    path("", include("ngos.urls")),
    path("", include("grants.urls")),
    path("", include("consultations.urls")),
    path("", include("workshops.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.PORTAL_BENCH:
    from .bench import bench_urlpatterns

    urlpatterns += bench_urlpatterns()
