from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from zhifa.core import nav


def shell(request: HttpRequest) -> dict[str, Any]:
    return {"nav_items": nav.items_for(getattr(request, "user", None))}
