"""Who is acting, from where, in which request: read by the audit chain, set by the edges.

A contextvar rather than a thread-local so the value is right under ASGI as well as WSGI.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    client_address: str | None
    channel: str  # web, api, cli, task


_current: ContextVar[RequestContext | None] = ContextVar("zhifa_request_context", default=None)


def current() -> RequestContext:
    ctx = _current.get()
    if ctx is None:
        # Code run outside a request (a shell, a test) still gets a traceable id.
        return RequestContext(request_id=f"local-{uuid.uuid4().hex}", client_address=None, channel="local")
    return ctx


@contextmanager
def bound(ctx: RequestContext) -> Iterator[RequestContext]:
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


def new_request_id() -> str:
    return uuid.uuid4().hex


def fresh(channel: str) -> AbstractContextManager[RequestContext]:
    """Bind a new context for work that did not come in as a request (channel "cli" for a command,
    "task" for the background worker): its audit entries get an id of their own, `<channel>-…`."""
    return bound(RequestContext(f"{channel}-{new_request_id()}", None, channel))
