from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder


class _Encoder(NinjaJSONEncoder):
    """Times in full precision, in Beijing time with their offset: a client that passes an
    event's time back (the case as it stood then) must get that very event, not one a
    millisecond-truncated time would miss."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            return timezone.localtime(o).isoformat() if timezone.is_aware(o) else o.isoformat()
        return super().default(o)


class Utf8JSONRenderer(BaseRenderer):
    """JSON with Chinese left readable (no \\u escapes)."""

    media_type = "application/json"
    charset = "utf-8"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        return json.dumps(data, cls=_Encoder, ensure_ascii=False)
