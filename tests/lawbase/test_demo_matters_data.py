"""The demo catalogue of enforcement matters (lawbase/data/demo_matters.json) checked against the
shipped law texts: every basis must point at a real article, paragraph (款) and item (项) of a law in
force, penalty articles must actually set a penalty, and where the penalty text names the article
it punishes ("违反本法第X条规定"), the violated basis must be that article."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest

from zhifa.lawbase.law_data import DATA_DIR, article, laws_by_title

MATTERS_FILE = DATA_DIR / "demo_matters.json"

CODE_PREFIX = {"urban_management": "CG", "market_regulation": "SJ", "ecology_environment": "HB"}
KINDS = {"penalty", "coercion", "inspection"}
ROLES = {"violated", "penalty", "procedure"}
MIN_PER_DOMAIN = 25
MIN_TOTAL = 75

# The kinds of 行政处罚法 第九条 as statutes word them.
PENALTY_TERMS = (
    "罚款",
    "警告",
    "没收",
    "吊销",
    "责令停产停业",
    "停业整顿",
    "责令停业",
    "责令关闭",
    "通报批评",
    "暂扣",
    "降低资质等级",
    "拘留",
)
COERCION_TERMS = ("查封", "扣押", "冻结")
INSPECTION_TERMS = ("检查",)

# 项 are lines "（一）…" (some regulations use half-width brackets); they belong to the 款 before them.
ITEM_LINE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
# "违反本法第十七条规定", "违反本条例第二十条第二项至第八项、第三十三条规定", "违反本规定第十六条第二款规定".
OTHER_ARTICLE_REF = re.compile(r"违反本(?:法|条例|规定|办法|细则)(第[^，。；：]*?)规定")
ARTICLE_NUMBER = re.compile(r"第[零一二三四五六七八九十百千]+条")
# "违反本条第一款或者第二款规定", "违反前款规定" (but not "违反本条例…").
SAME_ARTICLE_REF = re.compile(r"违反(本条(?!例)|前款)([^，。；：]*?)规定")
PARAGRAPH_NUMBER = re.compile(r"第([一二三四五六七八九十]+)款")
SMALL_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def load_matters() -> list[dict[str, Any]]:
    return json.loads(MATTERS_FILE.read_text(encoding="utf-8"))


MATTERS = load_matters()


def matter_ids(matter: dict[str, Any]) -> str:
    return matter.get("code", "?")


def paragraphs(text: str) -> list[tuple[str, list[str]]]:
    """The 款 of an article, each as (its own line, its 项 lines)."""
    found: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        if ITEM_LINE.match(line) and found:
            found[-1][1].append(line)
        else:
            found.append((line, []))
    return found


class Located:
    """The text a basis points at: the whole article, one 款, or one 项 with its lead-in."""

    def __init__(self, basis: dict[str, Any]) -> None:
        self.basis = basis
        found = article(basis["law"], basis["article"])
        assert found is not None, f"{basis['law']} has no article {basis['article']}"
        self.article: dict[str, Any] = found
        paras = paragraphs(self.article["text"])
        number, item = basis["paragraph"], basis["item"]
        if number is None and item is not None:
            with_items = [n for n, (_, items) in enumerate(paras, start=1) if items]
            assert len(with_items) == 1, (
                f"{basis['law']} {self.article['number']} has {len(with_items)} paragraphs with "
                "items; say which paragraph the item is in"
            )
            number = with_items[0]
        self.paragraph = number
        if number is None:
            self.lead, self.item_text = self.article["text"], None
            return
        assert 1 <= number <= len(paras), (
            f"{basis['law']} {self.article['number']} has {len(paras)} paragraphs, not {number}"
        )
        lead, items = paras[number - 1]
        if item is None:
            self.lead, self.item_text = "\n".join([lead, *items]), None
            return
        assert 1 <= item <= len(items), (
            f"{basis['law']} {self.article['number']} paragraph {number} has {len(items)} items, not {item}"
        )
        self.lead, self.item_text = lead, items[item - 1]

    @property
    def text(self) -> str:
        return self.lead if self.item_text is None else f"{self.lead}\n{self.item_text}"

    def cited_texts(self) -> list[str]:
        """The parts whose citations bind this basis. A lead-in "违反本条例第二十七条规定，或者有下列
        行为之一的" cites an alternative to its items, so it does not bind them."""
        if self.item_text is None:
            return [self.lead]
        if "或者有下列" in self.lead:
            return [self.item_text]
        return [self.lead, self.item_text]


def cited_articles(located: Located) -> dict[int, set[int] | None]:
    """Articles of the same law the penalty text says were violated: {article: paragraphs or None}."""
    law = laws_by_title()[located.basis["law"]]
    num_by_number = {a["number"]: a["num"] for a in law["articles"]}
    cited: dict[int, set[int] | None] = {}
    for text in located.cited_texts():
        for match in OTHER_ARTICLE_REF.finditer(text):
            for number in ARTICLE_NUMBER.findall(match.group(1)):
                assert number in num_by_number, f"{located.basis['law']} cites a missing {number}"
                cited[num_by_number[number]] = None
        for match in SAME_ARTICLE_REF.finditer(text):
            own = located.basis["article"]
            if match.group(1) == "前款":
                if located.paragraph is None:
                    cited.setdefault(own, None)
                    continue
                wanted = {located.paragraph - 1}
            else:
                wanted = {SMALL_NUMERALS[n] for n in PARAGRAPH_NUMBER.findall(match.group(2))}
            if not wanted:
                cited.setdefault(own, None)
            elif own not in cited or cited[own] is not None:
                cited[own] = (cited.get(own) or set()) | wanted
    return cited


def test_file_is_a_list_with_enough_matters() -> None:
    assert isinstance(MATTERS, list)
    per_domain = Counter(m["domain"] for m in MATTERS)
    assert len(MATTERS) >= MIN_TOTAL
    for domain in CODE_PREFIX:
        assert per_domain[domain] >= MIN_PER_DOMAIN, (domain, per_domain[domain])


def test_codes_and_names_are_unique() -> None:
    codes = Counter(m["code"] for m in MATTERS)
    assert [c for c, n in codes.items() if n > 1] == []
    names = Counter((m["domain"], m["name"]) for m in MATTERS)
    assert [k for k, n in names.items() if n > 1] == []


def test_each_domain_has_coercion_and_inspection_matters() -> None:
    kinds = {(m["domain"], m["kind"]) for m in MATTERS}
    for domain in CODE_PREFIX:
        for kind in ("coercion", "inspection"):
            assert (domain, kind) in kinds


@pytest.mark.parametrize("matter", MATTERS, ids=matter_ids)
def test_matter_fields(matter: dict[str, Any]) -> None:
    assert set(matter) == {
        "code",
        "name",
        "kind",
        "domain",
        "aliases",
        "basis",
        "first_offence_waiver",
    }
    assert matter["domain"] in CODE_PREFIX
    assert matter["kind"] in KINDS
    assert re.fullmatch(rf"{CODE_PREFIX[matter['domain']]}-\d{{3}}", matter["code"])
    assert isinstance(matter["name"], str)
    assert matter["name"].strip() == matter["name"] != ""
    aliases = matter["aliases"]
    assert isinstance(aliases, list)
    assert 1 <= len(aliases) <= 4
    assert all(isinstance(a, str) and a.strip() for a in aliases)
    assert len(set(aliases)) == len(aliases)
    assert isinstance(matter["first_offence_waiver"], bool)
    if matter["first_offence_waiver"]:
        assert matter["kind"] == "penalty", "only a penalty can be waived"


@pytest.mark.parametrize("matter", MATTERS, ids=matter_ids)
def test_basis_roles_fit_the_kind(matter: dict[str, Any]) -> None:
    basis = matter["basis"]
    assert basis, "a matter needs a legal basis"
    keys = [(b["law"], b["article"], b["paragraph"], b["item"], b["role"]) for b in basis]
    assert len(set(keys)) == len(keys), "duplicate basis"
    for entry in basis:
        assert set(entry) == {"law", "article", "paragraph", "item", "role"}
        assert entry["role"] in ROLES
        assert isinstance(entry["article"], int)
        assert entry["article"] > 0
        for key in ("paragraph", "item"):
            assert entry[key] is None or (isinstance(entry[key], int) and entry[key] > 0)
    roles = {b["role"] for b in basis}
    if matter["kind"] == "penalty":
        assert roles == {"violated", "penalty"}
    else:
        assert roles == {"procedure"}


@pytest.mark.parametrize("matter", MATTERS, ids=matter_ids)
def test_basis_points_at_real_text_of_laws_in_force(matter: dict[str, Any]) -> None:
    for entry in matter["basis"]:
        law = laws_by_title().get(entry["law"])
        assert law is not None, f"no law titled {entry['law']!r}"
        assert entry["law"] in (law["title"], law.get("short_title"))
        assert law.get("status") not in ("已废止", "已修改"), f"{entry['law']} is {law['status']}"
        Located(entry)  # asserts that the article, paragraph and item exist


@pytest.mark.parametrize("matter", MATTERS, ids=matter_ids)
def test_penalty_and_procedure_texts_say_what_they_are_for(matter: dict[str, Any]) -> None:
    for entry in matter["basis"]:
        text = Located(entry).text
        if entry["role"] == "penalty":
            assert any(term in text for term in PENALTY_TERMS), (entry, text)
        elif entry["role"] == "procedure" and matter["kind"] == "coercion":
            assert any(term in text for term in COERCION_TERMS), (entry, text)
        elif entry["role"] == "procedure":
            assert any(term in text for term in INSPECTION_TERMS), (entry, text)


@pytest.mark.parametrize("matter", MATTERS, ids=matter_ids)
def test_violated_basis_is_the_article_the_penalty_names(matter: dict[str, Any]) -> None:
    for entry in matter["basis"]:
        if entry["role"] != "penalty":
            continue
        located = Located(entry)
        cited = cited_articles(located)
        if not cited:
            continue
        violated = [b for b in matter["basis"] if b["role"] == "violated" and b["law"] == entry["law"]]
        where = f"{entry['law']} {located.article['number']} cites {sorted(cited)}"
        assert violated, f"{where} but no violated basis in that law"
        for basis in violated:
            assert basis["article"] in cited, f"{where}, not {basis['article']}"
            wanted = cited[basis["article"]]
            if wanted is not None and basis["paragraph"] is not None:
                assert basis["paragraph"] in wanted, f"{where} paragraphs {sorted(wanted)}"
