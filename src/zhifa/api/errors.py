"""One error shape for every failure: {"code", "message" (zh-hans), "fields", ["rule", "citation"]}."""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from zhifa.core.errors import DomainError

logger = logging.getLogger("zhifa.api")

_PYDANTIC_MESSAGES: dict[str, Any] = {
    "missing": gettext_lazy("必填。"),
    "string_too_long": gettext_lazy("内容过长。"),
    "string_too_short": gettext_lazy("内容过短。"),
    "int_parsing": gettext_lazy("应为整数。"),
    "int_type": gettext_lazy("应为整数。"),
    "bool_parsing": gettext_lazy("应为真或假。"),
    "date_from_datetime_parsing": gettext_lazy("应为日期，如 2026-01-31。"),
    "date_parsing": gettext_lazy("应为日期，如 2026-01-31。"),
    "datetime_parsing": gettext_lazy("应为时间，如 2026-01-31T09:00:00+08:00。"),
    "enum": gettext_lazy("不是允许的取值。"),
    "literal_error": gettext_lazy("不是允许的取值。"),
    "json_invalid": gettext_lazy("不是有效的 JSON。"),
    "string_type": gettext_lazy("应为文本。"),
    "model_attributes_type": gettext_lazy("格式不正确。"),
    "dict_type": gettext_lazy("格式不正确。"),
    "list_type": gettext_lazy("应为列表。"),
    "greater_than_equal": gettext_lazy("数值过小。"),
    "less_than_equal": gettext_lazy("数值过大。"),
}


# Failures that reach no endpoint (an unknown path, a method an endpoint lacks, an exception
# outside ninja) or that ninja raises itself: their code and zh-hans message, by HTTP status.
_BY_STATUS: dict[int, tuple[str, Any]] = {
    400: ("bad_request", gettext_lazy("请求格式有误，无法解析。")),
    401: ("unauthenticated", gettext_lazy("请先登录，或提供有效的 API 令牌。")),
    403: ("permission_denied", gettext_lazy("没有权限。")),
    404: ("not_found", gettext_lazy("找不到请求的内容。")),
    405: ("method_not_allowed", gettext_lazy("该接口不支持此请求方法。")),
    413: ("too_large", gettext_lazy("请求内容过大。")),
    500: ("server_error", gettext_lazy("服务器内部错误，已记录，请稍后再试。")),
}


def status_body(status: int) -> dict[str, Any]:
    code, message = _BY_STATUS.get(status, ("http_error", gettext_lazy("请求无法处理。")))
    return body(code, str(message))


def body(code: str, message: str, fields: dict[str, list[str]] | None = None, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, "fields": fields or {}, **extra}


def _field_name(loc: list[Any]) -> str:
    parts = [
        str(p) for p in loc if p not in {"body", "query", "path", "header", "cookie", "form", "payload", "filters"}
    ]
    return ".".join(parts) or "__all__"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(request, exc.as_dict(), status=exc.http_status)

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            message = _PYDANTIC_MESSAGES.get(error.get("type", ""), error.get("msg", ""))
            fields.setdefault(_field_name(list(error.get("loc", []))), []).append(str(message))
        return api.create_response(request, body("invalid", _("请求内容有误，请更正标出的字段。"), fields), status=422)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(request, body("unauthenticated", _("请先登录，或提供有效的 API 令牌。")), status=401)

    @api.exception_handler(AuthorizationError)
    def forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
        return api.create_response(request, body("permission_denied", _("没有权限。")), status=403)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, body("not_found", _("找不到请求的内容。")), status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja's own messages are English ("Cannot parse request body", "CSRF check Failed").
        if exc.status_code == 403 and "csrf" in str(exc.message).lower():
            shaped = body("csrf_failed", _("缺少或无效的 CSRF 令牌，请刷新页面后重试。"))
        else:
            shaped = status_body(exc.status_code)
        return api.create_response(request, shaped, status=exc.status_code)

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("unhandled API error")
        return api.create_response(request, body("server_error", _("服务器内部错误，已记录，请稍后再试。")), status=500)
