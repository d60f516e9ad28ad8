"""The /api/v1 application."""

from __future__ import annotations

from ninja import NinjaAPI

from zhifa.api import errors
from zhifa.api.auth import AUTH
from zhifa.api.renderer import Utf8JSONRenderer
from zhifa.api.routers import cases, catalogues, imports, lawbase, me, orgs, parties

api = NinjaAPI(
    title="zhifa API",
    version="1",
    description="执法 zhifa: 行政执法与执法监督平台接口。Errors share one shape: code, message (zh-hans), fields.",
    auth=AUTH,
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    renderer=Utf8JSONRenderer(),
)
errors.install(api)
api.add_router("", me.router)
api.add_router("", orgs.router)
api.add_router("", lawbase.router)
api.add_router("", catalogues.router)
api.add_router("", parties.router)
api.add_router("", imports.router)
api.add_router("", cases.router)
