"""The TOTP second factor: enrolling a phone authenticator app, and turning it off."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from zhifa.core.errors import DomainError
from zhifa.orgs import permissions as perms
from zhifa.orgs.actions import accounts
from zhifa.orgs.forms import TotpForm
from zhifa.orgs.selectors import pending_totp_device


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@login_required
def security(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.has_perm(perms.USE_TOTP):
        messages.info(request, _("动态口令仅对执法监督人员和系统管理员开放。"))
        return redirect("core:workbench")
    form = TotpForm(request.POST or None) if request.POST.get("step") == "confirm" else TotpForm()
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step == "start":
                accounts.begin_totp_enrollment(by=user)  # type: ignore[arg-type]
            elif step == "confirm" and form.is_valid():
                accounts.confirm_totp_enrollment(by=user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
                messages.success(request, _("动态口令已启用，下次登录时需要输入。"))
                return redirect("orgs:security")
            elif step == "remove":
                accounts.remove_totp(user, by=user)  # type: ignore[arg-type]
                messages.success(request, _("动态口令已停用。"))
                return redirect("orgs:security")
        except DomainError as error:
            form.add_error(None, error.message)
    pending = pending_totp_device(user)
    context = {
        "form": form,
        "enrolled": accounts.confirmed_totp_device(user) is not None,  # type: ignore[arg-type]
        "pending": pending,
        "qr_svg": mark_safe(_qr_svg(pending.config_url)) if pending else "",  # noqa: S308  (our own SVG)
        "secret": pending.config_url.split("secret=")[1].split("&")[0] if pending else "",
    }
    return TemplateResponse(request, "orgs/security.html", context)
