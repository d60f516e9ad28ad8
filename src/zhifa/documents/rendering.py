"""Rendering an official document (执法文书): template body → HTML → PDF (A4, CJK font, QR code).

The functions know nothing of cases: they take the context of the contract the shipped templates use
(`document`, `agency`, `case`, `party` …, see tests/documents/test_template_data.py) and return text or
bytes. The case engine stores the PDF with its `fingerprint` and may sign it (documents.signing).
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import cache, lru_cache
from typing import Any

import qrcode
from django.template import Context, Engine, Template

from zhifa.documents.loading import DATA_DIR

STYLESHEET = DATA_DIR / "templates" / "document.css"

# The placeholder the templates carry: <div class="qr-code" data-qr-url="…"></div>.
_QR_PLACEHOLDER = re.compile(
    r'<(?P<tag>div|span|p)(?P<before>[^>]*?)\sdata-qr-url="(?P<url>[^"]*)"(?P<after>[^>]*)>\s*</(?P=tag)>'
)
_TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="generator" content="zhifa">
<title>{title}</title>
<style>
{css}
</style>
</head>
<body>
{body}
</body>
</html>
"""


@cache
def _engine() -> Engine:
    """The engine of stored template bodies: built-in tags and filters only, autoescape on."""
    return Engine(
        libraries={},
        builtins=["django.template.defaulttags", "django.template.defaultfilters"],
        autoescape=True,
    )


@lru_cache(maxsize=256)
def _compiled(body: str) -> Template:
    """A stored body compiled once per process: every step of a case issues a document from one of a
    few dozen template revisions, and compiling costs more than rendering."""
    return _engine().from_string(body)


@cache
def _stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def qr_svg(url: str) -> str:
    """An inline SVG of the QR code of `url` (error correction M), one path, sized by its container."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()  # with the quiet zone
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    size = len(matrix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 {size} {size}" width="100%" height="100%"'
        f' shape-rendering="crispEdges" role="img" aria-label="{html.escape(url)}">'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{"".join(runs)}"/></svg>'
    )


def _replace_qr(match: re.Match[str]) -> str:
    url = html.unescape(match["url"]).strip()
    inner = qr_svg(url) if url else ""
    return f'<{match["tag"]}{match["before"]} data-qr-url="{match["url"]}"{match["after"]}>{inner}</{match["tag"]}>'


def _title(body: str) -> str:
    found = _TITLE.search(body)
    return html.escape(html.unescape(_TAG.sub("", found[1])).strip()) if found else ""


def render_html(body: str, context: dict[str, Any]) -> str:
    """The full HTML page of a document: the rendered body with the stylesheet inlined and the QR drawn.

    `body` is a stored template body (built-in tags only); `context` follows the template contract,
    `context["document"]["qr_url"]` being the verification address the QR code encodes.
    """
    rendered = str(_compiled(body).render(Context(context, autoescape=True)))
    rendered = _QR_PLACEHOLDER.sub(_replace_qr, rendered)
    return _PAGE.format(title=_title(rendered), css=_stylesheet(), body=rendered.strip())


def render_pdf(html_page: str) -> bytes:
    """The A4 PDF of a page from `render_html`, fonts from the system (Noto Serif/Sans CJK SC), embedded.

    Nothing is fetched: only `data:` URLs are allowed, so a template cannot read a local file or a
    network address into the document. Same HTML, same bytes: no dates in the metadata, and the
    file identifier is a digest of the content.
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=1)
    return HTML(string=html_page, base_url=None, url_fetcher=fetcher).write_pdf(
        pdf_identifier=True, pdf_version="1.7", uncompressed_pdf=False
    )


def fingerprint(pdf: bytes) -> str:
    """The SHA-256 of the file, in hex: what the case engine records and the public page checks."""
    return hashlib.sha256(pdf).hexdigest()
