"""Signing in (password, then TOTP where enrolled), out, and changing one's password."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhifa.core.errors import DomainError
from zhifa.orgs.actions import accounts
from zhifa.orgs.forms import PasswordChangeForm, SignInForm, TotpForm
from zhifa.orgs.selectors import user_by_id

PENDING_KEY = "zhifa_pending_sign_in"
PENDING_SECONDS = 300


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("core:workbench")


def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = accounts.check_password_step(
                request=request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if accounts.confirmed_totp_device(user) is not None:
                request.session[PENDING_KEY] = {"user": user.pk, "at": time.time(), "next": _next_url(request)}
                return redirect("orgs:sign_in_totp")
            accounts.complete_sign_in(request, user=user)
            return HttpResponseRedirect(_next_url(request))
    return TemplateResponse(request, "orgs/sign_in.html", {"form": form, "next": _next_url(request)})


def sign_in_totp(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_KEY)
    user = user_by_id(pending["user"]) if pending else None
    if pending is None or user is None or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("请重新输入用户名和密码。"))
        return redirect("orgs:login")
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = accounts.check_totp_step(user=user, token=form.cleaned_data["token"])
        except DomainError as error:
            form.add_error("token", error.message)
        else:
            request.session.pop(PENDING_KEY, None)
            accounts.complete_sign_in(request, user=user, device=device)
            return HttpResponseRedirect(pending["next"])
    return TemplateResponse(request, "orgs/sign_in_totp.html", {"form": form})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    accounts.sign_out(request)
    return redirect("orgs:login")


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.change_password(
                request.user,  # type: ignore[arg-type]
                by=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except DomainError as error:
            for field, errors in error.fields.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
            if not error.fields:
                form.add_error(None, error.message)
        else:
            update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
            messages.success(request, _("密码已修改。"))
            return redirect("core:workbench")
    return TemplateResponse(request, "orgs/password_change.html", {"form": form})
