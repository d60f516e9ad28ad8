"""The one error shape for /api/ failures that no endpoint answered.

ninja's exception handlers (api/errors.py) shape what happens inside an endpoint. An unknown
path (Django's 404), a method an endpoint does not take (ninja's bare 405) and an exception
raised outside ninja (Django's 500 page) never reach them; this middleware, near the top of the
stack, turns any such non-JSON failure under /api/ into {code, message, fields}.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from zhifa.api.errors import status_body

_KEPT_HEADERS = {"allow", "x-request-id", "content-language", "vary", "www-authenticate"}


class ApiErrorShapeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/api/") or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        shaped = HttpResponse(
            json.dumps(status_body(response.status_code), ensure_ascii=False),
            status=response.status_code,
            content_type="application/json; charset=utf-8",
        )
        for name, value in response.headers.items():
            if name.lower() in _KEPT_HEADERS:
                shaped[name] = value
        return shaped
