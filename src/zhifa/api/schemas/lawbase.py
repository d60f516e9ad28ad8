"""Shapes of the element-centre endpoints."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

MatterKindIn = Literal["penalty", "coercion", "inspection", "other"]
GradeIn = Literal["no_penalty", "minor", "general", "serious", "severe"]
PartyScopeIn = Literal["any", "individual", "organisation", "responsible_person"]
FineBaseIn = Literal["", "amount", "illegal_gains", "goods_value", "turnover", "investment", "fee", "other"]


class LawOut(Schema):
    id: int
    title: str
    short_title: str
    level: str
    level_label: str
    status: str
    promulgated: dt.date | None
    effective: dt.date | None
    article_count: int


class StatutoryPenaltyOut(Schema):
    paragraph: int
    item: int | None
    kind: str
    base: str
    base_label: str
    minimum: Decimal | None
    maximum: Decimal | None
    party: str
    condition: str
    optional: bool
    summary: str


class ArticleOut(Schema):
    law_id: int
    law_title: str
    num: int
    number: str
    chapter: str
    text: str
    paragraphs: list[dict[str, object]]
    url: str
    statutory_penalties: list[StatutoryPenaltyOut]


class BasisOut(Schema):
    role: str
    citation: str
    law_id: int
    article: int
    paragraph: int | None
    item: int | None


class MatterOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    domain: str
    region: str | None
    status: str
    aliases: list[str]
    bases: list[BasisOut]
    version: int


class BasisIn(Schema):
    citation: str = Field(description="《城市市容和环境卫生管理条例》第三十六条第（二）项")
    role: Literal["violated", "penalty", "procedure"]


class MatterIn(Schema):
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=2, max_length=300)
    kind: MatterKindIn = "penalty"
    domain_code: str
    region_code: str | None = None
    aliases: list[str] = Field(default=[])
    bases: list[BasisIn]


class MatterUpdateIn(Schema):
    version: int
    name: str | None = Field(None, min_length=2, max_length=300)
    status: Literal["active", "suspended", "repealed"] | None = None
    aliases: list[str] | None = None
    bases: list[BasisIn] | None = None


class LevelOut(Schema):
    order: int
    grade: str
    grade_label: str
    circumstances: str
    party: str
    fine_base: str
    fine_min: Decimal | None
    fine_max: Decimal | None
    fine_text: str
    other_penalties: str


class BenchmarkOut(Schema):
    id: int
    matter_code: str
    title: str
    issuer: str
    document_no: str
    region: str
    status: str
    effective_from: dt.date | None
    effective_to: dt.date | None
    first_offence_waiver: bool
    levels: list[LevelOut]


class BenchmarkIn(Schema):
    matter_code: str
    title: str = Field(min_length=2, max_length=300)
    region_code: str
    issuer: str = ""
    document_no: str = ""
    first_offence_waiver: bool = False


class LevelIn(Schema):
    grade: GradeIn
    circumstances: str = Field(min_length=1)
    party: PartyScopeIn = "any"
    fine_base: FineBaseIn = ""
    fine_min: Decimal | None = Field(None, ge=0)
    fine_max: Decimal | None = Field(None, ge=0)
    other_penalties: str = ""
    standard: str = ""


class PublishIn(Schema):
    effective_from: dt.date
    effective_to: dt.date | None = None


class ReferenceCaseOut(Schema):
    id: int
    title: str
    kind: str
    collection: str
    summary: str
    decision: str
    significance: str
    articles: list[str]


class TemplateOut(Schema):
    id: int
    code: str
    title: str
    revision: int
    status: str
    stage: str
    legal_basis: str
    required_by: list[str]


class CatalogueOut(Schema):
    id: int
    name: str
    kind: str
    region: str
    document_no: str
    matter_codes: list[str]


class HoldingOut(Schema):
    agency_id: int
    matter_code: str
    matter_name: str
    source: str
    decision_reference: str
    effective_from: dt.date | None
    effective_to: dt.date | None


class HoldingIn(Schema):
    source: Literal["own", "devolved", "entrusted"] = "own"
    decision_reference: str = Field("", max_length=200)
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None


class ReferenceCaseIn(Schema):
    title: str = Field(min_length=2, max_length=300)
    kind: Literal["court", "enforcement"] = "enforcement"
    collection: str = ""
    publisher: str = ""
    parties: str = ""
    summary: str = Field(min_length=1)
    decision: str = Field(min_length=1)
    significance: str = ""
    matter_codes: list[str] = Field(default=[])
    citations: list[str] = Field(default=[])


class TemplateIn(Schema):
    code: str = Field(min_length=2, max_length=60, pattern=r"^[a-z0-9_-]+$")
    title: str = Field(min_length=2, max_length=100)
    body: str = Field(min_length=1)
    region_code: str | None = None
    stage: str = ""
    legal_basis: str = ""


SearchKindIn = Literal["law", "article", "matter", "benchmark", "reference"]


class SearchHitOut(Schema):
    kind: SearchKindIn
    title: str
    law_title: str
    article_number: str
    matter_code: str | None
    score: float
    snippet: str
    snippet_html: str
    url: str
    in_force: bool


class SearchOut(Schema):
    query: str
    results: list[SearchHitOut]


class CandidateOut(Schema):
    matter: MatterOut
    score: float
    violated: list[str]
    penalty: list[str]
    statutory_limits: list[str]
    benchmark: BenchmarkOut | None


class SuggestOut(Schema):
    query: str
    candidates: list[CandidateOut]


HarmIn = Literal["none", "minor", "general", "serious"]


class FactsIn(Schema):
    act_date: dt.date = Field(..., description="违法行为发生日期：决定适用哪一版裁量基准")
    party: Literal["individual", "organisation"] = "organisation"
    birth_date: dt.date | None = None
    harm: HarmIn = "general"
    corrected: bool = False
    first_offence: bool = False
    repeat: bool = False
    refused_correction: bool = False
    harm_removed: bool = False
    coerced: bool = False
    confessed: bool = False
    meritorious: bool = False
    cooperative: bool = False
    illegal_gains: Decimal | None = Field(None, ge=0)
    goods_value: Decimal | None = Field(None, ge=0)
    region: str | None = Field(None, description="区划代码：适用该地区最具体的裁量基准")


class ReasonOut(Schema):
    text: str
    source: str


class AdviceOut(Schema):
    matter_code: str
    outcome: Literal["no_penalty", "may_waive", "penalty"]
    benchmark_id: int | None
    grade: str
    level_order: int | None
    fine_min: Decimal | None
    fine_max: Decimal | None
    range_text: str
    mitigation: str
    confiscate_gains: bool
    other_penalties: str
    reasons: list[ReasonOut]


class SynonymIn(Schema):
    means: str = Field(
        ..., min_length=1, max_length=300, description="法定表述，词与词之间用空格，如“占用城市道路 从事经营”"
    )
    note: str = Field("", max_length=200)


class SynonymOut(Schema):
    term: str
    means: str
    note: str
