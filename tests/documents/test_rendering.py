"""Rendering the shipped templates to HTML and PDF: CJK font embedded, QR code drawn, output stable."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
import qrcode
from pypdf import PdfReader

from tests.documents.test_template_data import BY_CODE, sample_context, source
from zhifa.documents.rendering import fingerprint, qr_svg, render_html, render_pdf

URL = "https://zhifa.example.org/v/K7Q2M9"


def body(code: str) -> str:
    return source(BY_CODE[code])


@pytest.fixture(scope="module")
def penalty_pdf() -> bytes:
    return render_pdf(render_html(body("penalty_decision"), sample_context()))


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def fonts_of(pdf: bytes) -> dict[str, Any]:
    """Base font name → its descriptor, over every page (Type0 fonts through their descendant)."""
    found = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            found[str(font["/BaseFont"])] = descendant["/FontDescriptor"].get_object()
    return found


def dark_cells(svg: str) -> set[tuple[int, int]]:
    """The modules an SVG from `qr_svg` paints, read back from its runs."""
    cells = set()
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg):
        cells |= {(int(x) + dx, int(y)) for dx in range(int(width))}
    return cells


# -- HTML ----------------------------------------------------------------------------------------


def test_html_is_a_full_page_with_the_stylesheet_inlined() -> None:
    page = render_html(body("penalty_decision"), sample_context())
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in page
    assert "<title>行政处罚决定书</title>" in page
    assert re.search(r"<style>.*@page\s*{[^}]*size:\s*A4", page, re.DOTALL)
    assert "杭州某某建材有限公司" in page
    assert "<link" not in page
    assert "<script" not in page


def test_qr_placeholder_is_replaced_by_an_inline_svg_of_the_url() -> None:
    page = render_html(body("penalty_decision"), sample_context())
    placeholder = re.search(r'<div class="qr-code" data-qr-url="([^"]*)">(.*?)</div>', page, re.DOTALL)
    assert placeholder is not None
    assert placeholder[1] == URL
    assert placeholder[2].startswith("<svg")
    assert placeholder[2].endswith("</svg>")
    assert placeholder[2] == qr_svg(URL)


def test_qr_svg_paints_exactly_the_modules_of_the_url() -> None:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(URL)
    code.make(fit=True)
    expected = {(x, y) for y, row in enumerate(code.get_matrix()) for x, dark in enumerate(row) if dark}
    svg = qr_svg(URL)
    assert dark_cells(svg) == expected
    size = len(code.get_matrix())
    assert f'viewBox="0 0 {size} {size}"' in svg
    assert dark_cells(qr_svg(URL + "X")) != expected


def test_no_qr_without_a_url() -> None:
    context = sample_context()
    context["document"]["qr_url"] = ""
    page = render_html(body("penalty_decision"), context)
    assert '<div class="qr-code" data-qr-url=""></div>' in page
    assert "<svg" not in page


def test_context_values_are_escaped() -> None:
    context = sample_context()
    context["party"]["name"] = '<b onclick="x">某公司</b>'
    context["document"]["qr_url"] = 'https://zhifa.example.org/v/A?b=1&c="2"'
    page = render_html(body("penalty_decision"), context)
    assert "<b onclick" not in page
    assert "&lt;b onclick=&quot;x&quot;&gt;某公司&lt;/b&gt;" in page
    assert 'data-qr-url="https://zhifa.example.org/v/A?b=1&amp;c=&quot;2&quot;"' in page
    assert qr_svg('https://zhifa.example.org/v/A?b=1&c="2"') in page


def test_same_input_same_html() -> None:
    assert render_html(body("prior_notice"), sample_context()) == render_html(body("prior_notice"), sample_context())


# -- PDF -----------------------------------------------------------------------------------------


def test_penalty_decision_pdf_holds_the_chinese_text(penalty_pdf: bytes) -> None:
    assert penalty_pdf.startswith(b"%PDF-1.7")
    text = text_of(penalty_pdf)
    assert "行政处罚决定书" in text
    assert "杭州某某建材有限公司" in text
    assert "杭州市西湖区综合行政执法局" in text
    assert "第1页共" in text  # the page footer of document.css


def test_pdf_embeds_the_cjk_font(penalty_pdf: bytes) -> None:
    fonts = fonts_of(penalty_pdf)
    assert any("Noto-Serif-CJK-SC" in name for name in fonts), fonts
    for name, descriptor in fonts.items():
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{name} is not embedded"


def test_pdf_is_a4(penalty_pdf: bytes) -> None:
    for page in PdfReader(io.BytesIO(penalty_pdf)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)


def test_pdf_metadata_is_stable(penalty_pdf: bytes) -> None:
    metadata = PdfReader(io.BytesIO(penalty_pdf)).metadata
    assert metadata is not None
    assert metadata.title == "行政处罚决定书"
    assert "/CreationDate" not in metadata
    assert "/ModDate" not in metadata


def test_same_html_same_pdf_and_fingerprint(penalty_pdf: bytes) -> None:
    again = render_pdf(render_html(body("penalty_decision"), sample_context()))
    assert again == penalty_pdf
    assert fingerprint(again) == fingerprint(penalty_pdf)
    assert re.fullmatch(r"[0-9a-f]{64}", fingerprint(penalty_pdf))


def test_individual_party_on_a_summary_decision() -> None:
    pdf = render_pdf(render_html(body("summary_decision"), sample_context(kind="individual")))
    text = text_of(pdf)
    assert "张三" in text
    assert "当场行政处罚决定书" in text


def test_renderer_fetches_nothing_outside_the_document(tmp_path: Path) -> None:
    """A stored template cannot pull a local file or a network resource into the PDF."""
    image = tmp_path / "leak.png"
    qrcode.make("secret").save(image)
    page = render_html(
        f'<h1>测试</h1><img src="{image.as_uri()}"><img src="https://example.org/x.png"><p>正文</p>',
        {"document": {}},
    )
    pdf = render_pdf(page)
    for pdf_page in PdfReader(io.BytesIO(pdf)).pages:
        assert not pdf_page["/Resources"].get("/XObject")
    assert "正文" in text_of(pdf)
