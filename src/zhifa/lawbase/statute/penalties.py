"""Reading the penalties a statute article sets: kind, fine base and bounds, party, condition.

An article is read paragraph (款) by paragraph, item (项) lines belonging to the paragraph above
them. Each line is cut into segments at 。；： (a new segment usually brings a new condition:
"…；情节严重的，…") and each segment into pieces at commas. Fines are read backwards from every
罚款, because the amount always stands right before it; other penalties by their fixed words.

Fines without amounts: "处以罚款" / "并处警告、罚款" give a fine with no bounds (the limit is set
elsewhere, often in an implementing regulation), but a fine only referred to ("依照前款规定处以罚款",
"依法给予罚款", "依照下列规定处以罚款：" before graded items) gives nothing, so that no limit is
invented and a reference is not mistaken for a second penalty. Per-unit fines ("每平方米十元以下")
keep the amount per unit and name the unit in the condition; "按日连续处罚" sets no amount and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from zhifa.lawbase.statute.numbers import chinese_amount

KINDS = (
    "fine",
    "confiscate_gains",
    "confiscate_property",
    "warning",
    "criticism",
    "suspension",
    "revocation",
    "qualification_downgrade",
    "licence_suspension",
    "business_restriction",
    "closure",
    "practice_restriction",
    "detention",
)


@dataclass(frozen=True)
class ParsedPenalty:
    """One penalty an article sets, with the bounds of a fine when the text states them."""

    kind: str
    base: str
    base_label: str
    minimum: Decimal | None
    maximum: Decimal | None
    party: str
    condition: str
    optional: bool
    clause: str
    paragraph: int
    item: int | None


# Laws use full-width punctuation, some regulations half-width: patterns accept both, so that
# clauses and labels come out exactly as written.
_ITEM = re.compile(r"^[（(]([一二三四五六七八九十]+|\d+)[)）]")
_SENTENCE_END = re.compile(r"。")
_SEGMENT_END = re.compile(r"[；;：:]")
_PIECE_END = re.compile(r"[，,]|(?<=、)(?=对)")  # "对个人处…、对单位处…" is two pieces, the 、 kept
_OPEN, _CLOSE = "（(", ")）"

_NUM = r"(?:百分之|千分之|万分之)?[\d０-９.．零〇一二两三四五六七八九十百千万亿点]+[%％‰]?"
_AMOUNT = rf"(?:{_NUM}[元倍]?|等值)"
# Tried in order against the text right before 罚款; "以上/以下" include the number.
_BOUNDS = (
    re.compile(rf"(?P<low>{_AMOUNT})(?:以上|至|到|-|~|～)(?P<high>{_AMOUNT})(?:以下)?$"),
    re.compile(rf"(?P<high>{_AMOUNT})以下$"),
    re.compile(rf"(?P<low>{_AMOUNT})以上$"),
    re.compile(rf"(?P<low>{_AMOUNT})(?P<high>)$"),
)
_CAP = re.compile(rf"[、，,]?但(?:最高)?不(?:得)?超过(?:{_AMOUNT})$")
_FINE_WORD = re.compile(r"罚款(?!数?额)")  # "单位罚款数额5%以上" names another fine's amount
_STANDARD = re.compile(r"(?:罚款|罚款数|数)额为(?P<amount>.+)$|按照?(?P<rate>.+?)的标准(?:计算|执行)$")
_COMPUTED = re.compile(r"按照?(?P<rate>[^，,]+)计算$")  # "按照…直接损失的百分之二十计算罚款"
_VERB = re.compile(r"(?:单处或者并处|并处以|并处|处以|处)(?![理置分罚境])")
_OPEN_VERB = re.compile(r"(?:处以?|并处)(?:警告|通报批评)$")  # "可以单处或者并处警告，违法所得三倍以下…罚款"
_BARE_FINE = re.compile(r"(?:(?<!加)处以?|并处|给予|予以|警告(?:、|或者|和|并处))$")
_REFERENCE = re.compile(r"依照|按照|依据|参照|依法|下列|前款|规定")
_LEADING_SANCTION = re.compile(r"^.*?(?:警告|拘留|通报批评)(?:或者|、|和|并处|并)")
_PER_UNIT = re.compile(r"(?:按照?)?[^，,按]*每.*$|按日")
# "由县级以上人民政府…部门": the agency, but not "以…为由" or "无正当理由".
_AGENCY = re.compile(r"^由|(?<![为理])由[^，,]{0,30}?(?:部门|机关|机构|政府)")
_ACTION = re.compile(rf"{_AGENCY.pattern}|责令|(?<![查惩判])处(?![理置分罚境])|没收|吊销|给予|予以|警告")

_PARTY = re.compile(r"对(?P<who>[^，,]*?)(?:可以|可)?并?(?:处|给予|予以|没收|吊销|责令)|^对(?P<whole>[^，,]+)$")
_RESPONSIBLE = re.compile(r"主管人员|直接责任人员|法定代表人|负责人")
_INDIVIDUAL = re.compile(r"个人|自然人|公民")
_ORGANISATION = re.compile(r"单位|法人|其他组织|企业|公司")


def parse_article(text: str) -> list[ParsedPenalty]:
    """Every penalty the article sets, in reading order."""
    found: list[ParsedPenalty] = []
    intro_party = "any"
    for paragraph, item, line in _lines(text):
        if item is None:
            # "对负有责任的单位…依照下列规定处以罚款：" names who the graded items below fine.
            intro_party = _party(line.partition("下列规定")[0]) if "下列规定" in line else "any"
        for segment, opens in _segments(line):
            found.extend(_parse_segment(segment, paragraph=paragraph, item=item, opens=opens, party=intro_party))
    return list(dict.fromkeys(found))  # a penalty named twice in a clause ("吊销…或者吊销…") counts once


def _lines(text: str) -> Iterator[tuple[int, int | None, str]]:
    """(款 number, 项 number or None, line): item lines keep the number of the paragraph above."""
    paragraph = 0
    for line in text.split("\n"):
        marker = _ITEM.match(line)
        if marker and paragraph:
            label = marker.group(1)
            yield paragraph, int(label) if label.isdigit() else int(chinese_amount(label)), line[marker.end() :]
        else:
            paragraph += 1
            yield paragraph, None, line


def _segments(line: str) -> Iterator[tuple[str, bool]]:
    """Segments between 。；：, each with whether it opens its sentence (where the offence is told)."""
    for sentence in _split(line, _SENTENCE_END):
        for index, segment in enumerate(_split(sentence, _SEGMENT_END)):
            yield segment, index == 0


def _split(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split at separators outside brackets: "产品（包括已售出和未售出的产品，下同）货值金额" stays whole."""
    parts: list[str] = []
    start = depth = 0
    for position, char in enumerate(text):
        depth += (char in _OPEN) - (char in _CLOSE)
        found = separator.match(text, position) if depth <= 0 else None
        if found:
            parts.append(text[start:position])
            start = found.end()
    parts.append(text[start:])
    return parts


@dataclass
class _Context:
    """What earlier pieces of a segment say about the pieces after them."""

    conditions: list[str]
    party: str = "any"
    acted: bool = False  # an agency or a sanction has been named: later 的-pieces are conditions
    punished: bool = False  # a penalty has been read in this segment
    fleeting: str = ""  # "广告费用无法计算…的" after a penalty: holds for the next penalty only
    open_verb: str = ""  # "可以单处或者并处警告": the verb the next piece's fine hangs on
    may: bool = False  # "可以对个人处…、对单位处…": 可以 governs the next piece too

    def condition_for(self, own: str) -> str:
        return "，".join(filter(None, [*self.conditions, self.fleeting, own]))


# Grades that are conditions even where the offence is described: "违反前款第一项规定的，可以处…".
_GRADING = re.compile(
    r"^违反(?:前款|本条第)|^造成[^，,]*后果的$|^情节(?:严重|较重|较轻|特别严重)的$|^逾期[^，,]*的$|^拒不改正的$"
    r"|^法律[、和]?(?:行政)?法规(?:没有|未作|未)规定的$|^(?:没有)?(?:违法经营额|违法所得|货值金额)[^，,]*的$"
)
# Conditions that choose another base or amount for the next fine, not a heavier case for the rest.
_BASE_CONDITION = re.compile(r"无法计算|明显偏低|没有违法所得|违法所得|货值|不足|以上的$|以下的$")


def _parse_segment(segment: str, *, paragraph: int, item: int | None, opens: bool, party: str) -> list[ParsedPenalty]:
    clause = segment.strip()
    pieces = [piece for piece in _split(clause, _PIECE_END) if piece]
    # In the opening segment of a sentence the pieces before the agency describe the offence;
    # in an item without an agency they grade the penalty ("(一)发生一般事故，处…").
    grading_item = opens and item is not None and not any(_AGENCY.search(piece) for piece in pieces)
    context = _Context(conditions=[], party=party if item else "any", acted=not opens or grading_item)
    template = ParsedPenalty("", "", "", None, None, "any", "", False, clause, paragraph, item)
    found: list[ParsedPenalty] = []
    for index, piece in enumerate(pieces):
        if grading_item and not found and not _ACTION.search(piece):
            context.conditions.append(piece)
            continue
        following = pieces[index + 1] if index + 1 < len(pieces) else ""
        elliptic = following.startswith("对") and "罚款" in following
        found.extend(_parse_piece(piece, context, template, elliptic=elliptic))
    return _tidy_segment(found)


def _tidy_segment(found: list[ParsedPenalty]) -> list[ParsedPenalty]:
    """A bounded fine makes an unbounded one in its segment a repeat ("按照每人…元的标准计算，处以罚款"),
    and a multiple without a base has the base of the fine before it ("处运输费用三倍…，处五倍以上十倍以下罚款")."""
    bounded = any(p.kind == "fine" and (p.minimum is not None or p.maximum is not None) for p in found)
    tidy: list[ParsedPenalty] = []
    for penalty in found:
        if penalty.kind == "fine" and bounded and penalty.minimum is None and penalty.maximum is None:
            continue
        earlier = next((p for p in reversed(tidy) if p.kind == "fine" and p.base_label), None)
        orphan = penalty.kind == "fine" and penalty.base == "other" and not penalty.base_label
        if orphan and earlier:
            penalty = replace(penalty, base=earlier.base, base_label=earlier.base_label)  # noqa: PLW2901
        tidy.append(penalty)
    return tidy


def _parse_piece(piece: str, context: _Context, template: ParsedPenalty, *, elliptic: bool) -> list[ParsedPenalty]:
    if piece.endswith("的") and not _VERB.search(piece.removesuffix("的")[-3:]):
        _note_condition(piece, context)
        return []
    party = _PARTY.search(piece)
    if party:
        context.party = _party(party.group("who") or party.group("whole") or "")
    body, own_condition = _split_condition(piece)
    base = replace(template, party=context.party, condition=context.condition_for(own_condition))
    found = [*_fines(body, base, elliptic=elliptic, lead=context.open_verb), *_sanctions(body, base)]
    if context.may:
        found = [replace(penalty, optional=True) for penalty in found]
    context.open_verb = body if _OPEN_VERB.search(body) else ""
    context.may = piece.endswith("、") and (context.may or _is_optional(piece))
    context.acted = context.acted or bool(found) or _ACTION.search(body) is not None
    if found:
        context.punished, context.fleeting = True, ""
    return found


def _note_condition(piece: str, context: _Context) -> None:
    if not (context.acted or _GRADING.match(piece)):
        return  # still the offence ("违反本法规定，…的，由…")
    if context.punished and _BASE_CONDITION.search(piece):
        context.fleeting = piece
    else:
        context.conditions.append(piece)
    # "农业投入品使用者为个人的，可以处…": the condition names who is fined.
    if re.search(r"(?:个人|自然人)的$", piece):
        context.party = "individual"
    elif re.search(r"(?:单位|组织|企业)的$", piece):
        context.party = "organisation"


def _party(who: str) -> str:
    if _RESPONSIBLE.search(who):
        return "responsible_person"
    individual, organisation = _INDIVIDUAL.search(who), _ORGANISATION.search(who)
    if individual and not organisation:
        return "individual"
    if organisation and not individual:
        return "organisation"
    return "any"  # nobody named, or "单位或者个人"


def _split_condition(piece: str) -> tuple[str, str]:
    """A condition written without a comma: "情节较重的处…" → ("处…", "情节较重的"), "对逃匿的处…" too."""
    match = re.match(r"^对?(?P<condition>[^由对]*?的)(?=(?:可以|可)?并?处)", piece)
    if match:
        return piece[match.end() :], match.group("condition")
    return piece, ""


# Fines ---------------------------------------------------------------------------------------------


def _fines(body: str, base: ParsedPenalty, *, elliptic: bool, lead: str) -> Iterator[ParsedPenalty]:
    start = 0
    for word in _FINE_WORD.finditer(body):
        window, start = body[start : word.start()].removesuffix("的"), word.end()
        if lead and not _VERB.search(window):
            window, lead = f"{lead}、{window}", ""
        # 加处罚款 is the late surcharge, not a penalty; "处二千元以上罚款的（决定）" names a threshold
        # (治安管理处罚法 第九十八条), it imposes nothing; "处5000元罚款的标准" (a rate) does.
        threshold = body.startswith("的", word.end()) and not body.startswith("的标准", word.end())
        if not window.endswith("加处") and not threshold:
            yield from _read_fine(window, base)
    if elliptic and start == 0:
        yield from _read_fine(body.removesuffix("、"), base)  # "对公民处以二百元以下、对法人…处以三千元以下罚款"
    standard = _STANDARD.search(body)
    if standard and "罚款" in base.clause:
        # "罚款额为违法所得的10%以上50%以下", "按照每人1000元以上5000元以下的标准计算，处以罚款"
        amount = (standard.group("amount") or standard.group("rate")).removesuffix("的")
        fine = _bounded_fine(amount, 0, base, optional=_is_optional(body[: standard.start()]))
        yield from [fine] if fine else []


def _read_fine(window: str, base: ParsedPenalty) -> Iterator[ParsedPenalty]:
    optional = _is_optional(window)
    verbs = list(_VERB.finditer(window))
    # The last verb: "单处或者并处警告、没收违法所得、处违法所得一倍以上十倍以下罚款".
    fines = _alternative_fines(window, verbs[-1].end(), base, optional=optional) if verbs else []
    trailing = re.search(r"处以?$", window)
    if not fines and trailing:
        # "可按每吨二百元处以罚款": the amount stands before the verb.
        fines = _alternative_fines(window[: trailing.start()], 0, base, optional=optional)
    computed = _COMPUTED.search(window)
    if not fines and computed:
        fines = _alternative_fines(computed.group("rate").removesuffix("的"), 0, base, optional=optional)
    if fines:
        yield from fines
    elif _BARE_FINE.search(window) and not _REFERENCE.search(window):
        yield replace(base, kind="fine", base="amount", optional=optional)


def _alternative_fines(text: str, start: int, base: ParsedPenalty, *, optional: bool) -> list[ParsedPenalty]:
    """Fines joined by 或者: "处五千万元以下或者上一年度营业额百分之五以下罚款" sets two limits."""
    fines: list[ParsedPenalty] = []
    for separator in re.finditer("或者", text[start:]):
        end = start + separator.start()
        fine = _bounded_fine(text[:end], start, base, optional=optional)
        if fine is not None:
            fines.append(fine)
            start = end + len("或者")
    fine = _bounded_fine(text, start, base, optional=optional)
    return [*fines, fine] if fine else fines


def _bounded_fine(text: str, start: int, base: ParsedPenalty, *, optional: bool) -> ParsedPenalty | None:
    """The fine whose amount ends `text`, its base being the words from `start` to the amount."""
    notes: list[str] = []
    cap = _CAP.search(text)
    if cap:
        notes.append(cap.group(0).lstrip("、，,"))  # "违法所得三倍以下但不超过三万元"
        text = text[: cap.start()]
    for pattern in _BOUNDS:
        bounds = pattern.search(text, start)
        limits = _limits(bounds.groupdict().get("low"), bounds.groupdict().get("high")) if bounds else None
        if bounds is None or limits is None:
            continue
        kind, label, unit = _base_of(text[start : bounds.start()], yuan="元" in bounds.group(0))
        notes.extend([f"按{unit}计"] if unit else [])
        condition = "，".join(filter(None, [base.condition, *notes]))
        minimum, maximum = limits
        fine = replace(base, kind="fine", base=kind, base_label=label, minimum=minimum, maximum=maximum)
        return replace(fine, condition=condition, optional=optional)
    return None


def _limits(low: str | None, high: str | None) -> tuple[Decimal | None, Decimal | None] | None:
    try:
        minimum = chinese_amount("一倍" if low == "等值" else low) if low else None
        maximum = chinese_amount("一倍" if high == "等值" else high) if high else None
    except ValueError:
        return None
    if high == "":
        return minimum, minimum  # a fixed amount: "处二千元罚款"
    return minimum, maximum


_BASES = (
    ("illegal_gains", re.compile(r"违法所得|非法所得")),
    ("goods_value", re.compile(r"货值")),
    ("turnover", re.compile(r"销售额|营业额|经营额|销售收入")),
    # 工程造价 is what the works cost, the same measure as the investment in them.
    ("investment", re.compile(r"投资额|投资总额|造价")),
    ("fee", re.compile(r"(?:费用?|酬金|经费)$")),
)
# Costs and levies owed are not fees the offender charged: they stay "other".
_NOT_FEE = re.compile(r"所需|代为|恢复|挪用|应缴|补缴|应交")


def _base_of(between: str, *, yuan: bool) -> tuple[str, str, str]:
    """(base, base label, per-unit phrase) for the words between the verb and the amount."""
    label = _LEADING_SANCTION.sub("", between).removeprefix("或者").removesuffix("的")
    label = re.sub(r"^相当于?", "", label)
    per_unit = _PER_UNIT.search(label)
    if per_unit:
        return "amount", "", per_unit.group(0).removeprefix("按照").removeprefix("按")
    if not label:
        return ("amount" if yuan else "other"), "", ""
    for kind, words in _BASES:
        if words.search(label) and not (kind == "fee" and _NOT_FEE.search(label)):
            return kind, label, ""
    return "other", label, ""


def _is_optional(text: str) -> bool:
    """Whether the agency may, not must, impose it: "可以处…", "并可处…"."""
    return re.search(r"可以|(?<!不)可(?:并|处|以|对|按|根据)", text) is not None


# Other penalties ----------------------------------------------------------------------------------

_SANCTIONS = (
    ("warning", re.compile(r"(?:给予|予以|处以?|并处|可以|或者|、|^)警告(?!标志|标识|牌|装置|信号|性|灯)")),
    ("criticism", re.compile(r"通报批评")),
    ("suspension", re.compile(r"停产停业|停业整顿|停产整顿|停止营业|停产整治|责令停业|责令停产")),
    ("revocation", re.compile(r"吊销")),
    ("qualification_downgrade", re.compile(r"降低资质等级|降低[^，,]{0,6}资质")),
    ("licence_suspension", re.compile(r"暂扣(?:或者吊销)?[^，,；;、]{0,15}?[证照]")),
    ("business_restriction", re.compile(r"限制(?:开展)?生产经营|限制生产|限制经营")),
    ("closure", re.compile(r"(?:责令|予以|依法|并|或者|、)关闭")),
    ("practice_restriction", re.compile(r"限制从业|(?:年内|终身)(?:不得|禁止)其?(?:从事|担任)|禁止其?在一定期限内")),
    ("detention", re.compile(r"(?:日(?:以下|以上)?的?|处以?|并处|予以|给予|、|或者)(?:行政)?拘留")),
)
_CONFISCATE = re.compile(r"没收(?P<what>[^，,；;]*?)(?=[，,；;]|、?并?处|$)")
_GAINS = re.compile(r"违法所得|非法所得|违法收入|所获收入|广告费用")
# A penalty named as something that already happened or as a step of procedure, not imposed here:
# "被吊销…之日起", "暂扣、查封清单", "行政拘留处罚决定".
_NOT_IMPOSED_BEFORE = re.compile(r"[被已]\S{0,2}$")
_NOT_IMPOSED_AFTER = re.compile(r"^[^，,]*?(?:决定|之日|措施|清单|申请|期间|执行|的行政处罚|的处罚)")
# Penalties on a business: after "对直接负责的主管人员…处…罚款" they still fall on the undertaking.
_BUSINESS_KINDS = {"suspension", "revocation", "qualification_downgrade", "business_restriction", "closure"}


def _sanctions(body: str, base: ParsedPenalty) -> Iterator[ParsedPenalty]:
    for kind, pattern in _SANCTIONS:
        party = "any" if kind in _BUSINESS_KINDS and base.party == "responsible_person" else base.party
        for match in pattern.finditer(body):
            if _imposed(body, match.start(), match.end()):
                yield replace(base, kind=kind, party=party, optional=_is_optional(body[: match.start()]))
    for match in _CONFISCATE.finditer(body):
        optional = _is_optional(body[: match.start()])
        # "没收违法所得和违法生产经营的食品、…工具": each thing named is gains or property.
        things = [thing for thing in re.split(r"以及|或者|[和及、]", match.group("what")) if thing]
        if any(_GAINS.search(thing) for thing in things):
            yield replace(base, kind="confiscate_gains", optional=optional)
        if any(not _GAINS.search(thing) for thing in things):
            yield replace(base, kind="confiscate_property", optional=optional)


def _imposed(body: str, start: int, end: int) -> bool:
    return not (_NOT_IMPOSED_BEFORE.search(body, 0, start) or _NOT_IMPOSED_AFTER.search(body[end:]))
