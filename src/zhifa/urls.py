from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from zhifa.api.main import api


def _admin_login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    # The admin signs in through zhifa's own form, so lock-out and TOTP apply there too.
    return redirect_to_login(request.GET.get("next", "/admin/"))


admin.site.login = _admin_login  # type: ignore[method-assign]
admin.site.site_header = _("执法平台后台管理")
admin.site.site_title = _("执法平台后台管理")

urlpatterns = [
    path("", include("zhifa.core.urls")),
    path("", include("zhifa.orgs.urls")),
    path("lawbase/", include("zhifa.lawbase.urls")),
    path("find-law/", include("zhifa.lawbase.public_urls")),
    path("parties/", include("zhifa.parties.urls")),
    path("documents/", include("zhifa.documents.urls")),
    path("", include("zhifa.cases.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
