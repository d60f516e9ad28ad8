"""The shipped document templates (documents/data/templates.json and templates/*.html) checked as data.

Every template must compile with the engine the application uses for stored bodies (built-in tags and
filters only), use no variable outside the context contract of the case engine, render with a full
sample context and with an empty one, and carry the contents the statutes require of it
(行政处罚法 第四十四条、第五十九条、第六十四条, 行政强制法 第二十四条、第三十五条、第五十五条, the remedy
periods of 行政复议法 第二十条 and 行政诉讼法 第四十六条, the 15-day payment and 3% surcharge clause).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Engine
from django.template.base import FilterExpression, Node, TextNode, Variable, VariableNode
from django.template.defaulttags import ForNode, IfNode, TemplateLiteral

from zhifa.lawbase.law_data import laws_by_title
from zhifa.lawbase.numerals import parse_ordinal

DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "zhifa" / "documents" / "data"
TEMPLATE_DIR = DATA_DIR / "templates"
INDEX = json.loads((DATA_DIR / "templates.json").read_text(encoding="utf-8"))
BY_CODE = {entry["code"]: entry for entry in INDEX}
LEGAL_RULES = Path(__file__).resolve().parents[3] / "shared" / "LEGAL-RULES.md"

MARKER = "@@INVALID[%s]@@"
SHANGHAI = ZoneInfo("Asia/Shanghai")

# The engine that stores and renders template bodies (documents.actions.templates.check_body), with a
# marker for any variable the context does not hold.
ENGINE = Engine(
    libraries={},
    builtins=["django.template.defaulttags", "django.template.defaultfilters"],
    string_if_invalid=MARKER,
)

# The documents of LEGAL-RULES.md section 4 that the case engine issues, which must all be shipped.
REQUIRED_CODES = {
    "lead_registration",  # 案件来源登记表
    "registration_approval",  # 立案审批表
    "non_registration_approval",  # 不予立案审批表
    "inspection_record",  # 现场笔录
    "inquiry_record",  # 询问笔录
    "inquiry_notice",  # 询问通知书
    "preservation_notice",  # 先行登记保存证据通知书
    "seizure_decision",  # 查封（扣押）决定书 + 财物清单
    "seizure_release_decision",  # 解除查封（扣押）决定书
    "investigation_report",  # 案件调查终结报告
    "legal_review_opinion",  # 法制审核意见书
    "collective_discussion_record",  # 集体讨论记录
    "prior_notice",  # 行政处罚告知书 (with the hearing clause)
    "hearing_notice",  # 听证通知书
    "hearing_record",  # 听证笔录
    "hearing_report",  # 听证报告
    "statement_record",  # 陈述申辩笔录
    "statement_review",  # 复核意见
    "penalty_decision",  # 行政处罚决定书
    "no_penalty_decision",  # 不予行政处罚决定书
    "delivery_address_confirmation",  # 送达地址确认书
    "delivery_receipt",  # 送达回证
    "payment_deferral_approval",  # 延期（分期）缴纳罚款批准通知书
    "enforcement_reminder",  # 催告书
    "court_enforcement_application",  # 强制执行申请书
    "closing_approval",  # 结案审批表
    "criminal_referral",  # 涉嫌犯罪案件移送书
    "case_transfer_letter",  # 案件移送函
    "summary_decision",  # 当场行政处罚决定书
    "evidence_request_notice",  # 提供证据材料通知书
    "evidence_extraction_list",  # 证据提取单
    "sampling_record",  # 抽样记录 + 样品清单
    "sample_seal",  # 封条
    "preservation_approval",  # 先行登记保存证据审批表
    "preservation_handling_decision",  # 先行登记保存处理决定
    "coercive_measure_approval",  # 实施行政强制措施审批表
    "seizure_extension_notice",  # 延长查封（扣押）期限告知书
    "testing_period_notice",  # 检测鉴定期间告知书
    "assistance_letter",  # 协助调查函
    "testing_commission",  # 检测/检验/鉴定委托书
    "testing_result_notice",  # 结果告知书
    "suspension_approval",  # 中止（终止）调查审批表
    "refund_order",  # 责令退款通知书
    "education_record",  # 不予行政处罚 + education record
    "publication_notice",  # written notice that the decision will be published
    "enforcement_decision",  # 行政强制执行决定书
    "substitute_performance_decision",  # 代履行决定书
    "archive_catalogue",  # 案卷 (正卷/副卷, in the order of 市监程序 第七十八条)
    "crime_investigation_report",  # 涉嫌犯罪案件情况的调查报告
    "referral_property_notice",  # written notice to the party about transferred property
}

# Every document named in LEGAL-RULES.md section 4 (the row and the name as written there) and the
# template that issues it. The names the agency does not draft are listed with the reason instead.
SECTION_4 = {
    "1": {"案件来源登记表": "lead_registration"},
    "2": {"立案审批表": "registration_approval", "不予立案审批表": "non_registration_approval"},
    "3": {"现场笔录": "inspection_record"},
    "4": {"询问笔录": "inquiry_record", "询问通知书": "inquiry_notice"},
    "5": {"提供证据材料通知书": "evidence_request_notice", "证据提取单": "evidence_extraction_list"},
    "6": {"抽样记录": "sampling_record", "封条": "sample_seal", "样品清单": "sampling_record"},
    "7": {
        "先行登记保存证据审批表": "preservation_approval",
        "先行登记保存证据通知书": "preservation_notice",
        "先行登记保存处理决定": "preservation_handling_decision",
    },
    "8": {
        "实施行政强制措施审批表": "coercive_measure_approval",
        "查封(扣押)决定书": "seizure_decision",
        "财物清单": "seizure_decision",
        "延长查封(扣押)期限告知书": "seizure_extension_notice",
        "检测鉴定期间告知书": "testing_period_notice",
        "解除查封(扣押)决定书": "seizure_release_decision",
    },
    "9": {"协助调查函": "assistance_letter"},
    "10": {"委托书": "testing_commission", "结果告知书": "testing_result_notice"},
    "11": {"中止(终止)调查审批表": "suspension_approval"},
    "12": {"案件调查终结报告": "investigation_report"},
    "13": {"审核意见书": "legal_review_opinion"},
    "14": {"行政处罚告知书": "prior_notice"},
    "15": {"陈述申辩笔录": "statement_record", "复核意见": "statement_review"},
    "16": {
        "听证申请": "the party's own application",
        "听证通知书": "hearing_notice",
        "听证笔录": "hearing_record",
        "听证报告": "hearing_report",
    },
    "17": {"责令退款通知书": "refund_order"},
    "18": {"集体讨论记录": "collective_discussion_record"},
    "19": {
        "行政处罚决定书": "penalty_decision",
        "不予行政处罚决定书": "no_penalty_decision",
        "education record": "education_record",
        "written notice that it will be published": "publication_notice",
    },
    "20": {"送达地址确认书": "delivery_address_confirmation", "送达回证": "delivery_receipt"},
    "21": {"延期(分期)缴纳罚款申请": "the party's own application", "批准通知书": "payment_deferral_approval"},
    "22": {"罚没款专用票据": "a finance-department receipt (财政部门监制), not drafted by the agency"},
    "23": {"催告书": "enforcement_reminder"},
    "24": {"行政强制执行决定书": "enforcement_decision", "代履行决定书": "substitute_performance_decision"},
    "25": {"强制执行申请书": "court_enforcement_application"},
    "26": {"结案审批表": "closing_approval"},
    "27": {"正卷": "archive_catalogue", "副卷": "archive_catalogue"},
    "branch": {
        "涉嫌犯罪案件移送书": "criminal_referral",
        "涉嫌犯罪案件情况的调查报告": "crime_investigation_report",
        "涉案物品清单": "criminal_referral",
        "written notice to the party about transferred property": "referral_property_notice",
    },
    "summary procedure": {"当场行政处罚决定书": "summary_decision"},
}

# Decisions that must tell the remedy: reconsideration within 60 days, litigation within 6 months.
REMEDY_DECISIONS = [
    "penalty_decision",
    "no_penalty_decision",
    "seizure_decision",
    "seizure_extension_notice",
    "enforcement_decision",
    "substitute_performance_decision",
]
# Documents handed to the party under the officers' names: credential numbers must be printed.
SIGNED_BY_HANDLERS = [
    "penalty_decision",
    "no_penalty_decision",
    "seizure_decision",
    "summary_decision",
    "prior_notice",
    "enforcement_reminder",
    "preservation_notice",
    "inspection_record",
    "inquiry_record",
    "evidence_request_notice",
    "evidence_extraction_list",
    "sampling_record",
    "sample_seal",
    "preservation_handling_decision",
    "seizure_extension_notice",
    "refund_order",
    "education_record",
    "enforcement_decision",
    "substitute_performance_decision",
    "crime_investigation_report",
]
# Documents that bear the agency seal.
SEALED = [
    "penalty_decision",
    "no_penalty_decision",
    "seizure_decision",
    "seizure_release_decision",
    "summary_decision",
    "prior_notice",
    "preservation_notice",
    "hearing_notice",
    "inquiry_notice",
    "payment_deferral_approval",
    "enforcement_reminder",
    "court_enforcement_application",
    "criminal_referral",
    "evidence_request_notice",
    "sample_seal",
    "preservation_handling_decision",
    "seizure_extension_notice",
    "testing_period_notice",
    "assistance_letter",
    "testing_commission",
    "testing_result_notice",
    "refund_order",
    "publication_notice",
    "enforcement_decision",
    "substitute_performance_decision",
    "referral_property_notice",
    "case_transfer_letter",
]


def sample_context(*, kind: str = "organisation", hearing: bool = True) -> dict[str, Any]:
    """Every name of the context contract, filled as the case engine would fill it."""
    organisation = kind == "organisation"
    return {
        "document": {
            "number": "杭西综执罚决字〔2026〕第12号",
            "date": date(2026, 3, 20),
            "qr_url": "https://zhifa.example.org/v/K7Q2M9",
            "verify_code": "K7Q2M9",
        },
        "agency": {
            "name": "杭州市西湖区综合行政执法局",
            "short_name": "西湖区综合执法局",
            "address": "杭州市西湖区文三路100号",
            "phone": "0571-88990011",
            "region_name": "杭州市西湖区",
            "seal_text": "（杭州市西湖区综合行政执法局印章）",
        },
        "case": {
            "number": "XH-ZF-2026-0012",
            "code": "3301060012026000012",
            "title": "擅自占用城市道路堆放物料案",
            "procedure": "general",
            "procedure_label": "普通程序",
            "source_label": "日常巡查",
            "registered_on": date(2026, 1, 8),
            "act_date": date(2026, 1, 5),
            "act_place": "杭州市西湖区古墩路与文新路交叉口东北侧人行道",
            "discovered_on": date(2026, 1, 6),
            "matter_code": "CG-017",
            "matter_name": "对擅自占用城市道路的处罚",
            "handlers": [
                {"name": "王明", "credential_number": "33010611001"},
                {"name": "李芳", "credential_number": "33010611002"},
            ],
            "reviewer_name": "赵审",
            "head_name": "陈局",
        },
        "party": {
            "kind": kind,
            "kind_label": "法人" if organisation else "自然人",
            "name": "杭州某某建材有限公司" if organisation else "张三",
            "id_type_label": "统一社会信用代码" if organisation else "居民身份证",
            "id_number": "91330106MA2XXXXX1Q" if organisation else "330106199001011234",
            "legal_representative": "刘某" if organisation else "",
            "address": "杭州市西湖区文新路88号",
            "phone": "13800000000",
            "birth_date": None if organisation else date(1990, 1, 1),
            "age": None if organisation else 36,
        },
        "facts": (
            "当事人于2026年1月5日起，未经批准在古墩路与文新路交叉口东北侧人行道上堆放砂石物料，占用道路面积约30平方米。"
        ),
        "evidence": [
            {"name": "现场检查笔录", "description": "证明占道堆放的时间、地点和面积", "source": "执法人员现场制作"},
            {"name": "现场照片8张", "description": "证明占道堆放的现场情况", "source": "执法记录仪拍摄"},
        ],
        "reasons": "当事人未经批准擅自占用城市道路堆放物料，影响行人通行，事实清楚，证据确凿。",
        "basis": {
            "violated": ["《城市道路管理条例》第二十七条第（三）项"],
            "penalty": ["《城市道路管理条例》第四十二条第（三）项"],
            "procedure": ["《中华人民共和国行政强制法》第二十二条"],
        },
        "penalty": {
            "kinds_text": "罚款、没收违法所得",
            "fine_amount": Decimal("10000"),
            "fine_amount_text": "壹万元整",
            "confiscation_text": "没收违法所得人民币伍佰元整",
            "other_text": "",
            "discretion_grade": "一般",
            "discretion_reason": "当事人占道面积较大，但在调查期间主动清除了物料。",
            "correction_order": "立即清除占道堆放的物料，恢复道路原状",
        },
        "rights": {
            "statement_days": 5,
            "statement_deadline": date(2026, 2, 13),
            "hearing": hearing,
            "hearing_days": 5,
            "hearing_deadline": date(2026, 2, 13),
            "hearing_date": datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI),
            "hearing_place": "本局第一会议室",
            "hearing_chair": "孙主持",
        },
        "remedy": {
            "reconsideration_body": "杭州市西湖区人民政府",
            "reconsideration_days": 60,
            "litigation_court": "杭州市西湖区人民法院",
            "litigation_months": 6,
        },
        "payment": {
            "deadline_days": 15,
            "bank": "中国工商银行杭州西湖支行",
            "account_name": "杭州市西湖区财政局",
            "account": "1202020000000000000",
            "surcharge_rate": "3%",
            "installment_text": "",
        },
        "delivery": {
            "method_label": "直接送达",
            "address": "杭州市西湖区文新路88号",
            "recipient": "刘某",
            "delivered_at": datetime(2026, 3, 21, 10, 0, tzinfo=SHANGHAI),
            "refused_note": "",
        },
        "measures": {
            "kind_label": "扣押",
            "items": [
                {"name": "砂石", "spec": "中砂", "quantity": "约12立方米", "note": "现场堆放"},
                {"name": "小型装载机", "spec": "ZL-30", "quantity": "1台", "note": ""},
            ],
            "period_days": 30,
            "place": "西湖区综合执法局暂扣物品仓库",
            "started_on": date(2026, 1, 9),
            "ends_on": date(2026, 2, 7),
            "extension_days": 30,
            "extended_ends_on": date(2026, 3, 9),
        },
        "request": {
            "deadline": date(2026, 1, 16),
            "place": "西湖区综合执法局执法一中队",
            "items": [{"name": "营业执照复印件", "spec": "加盖公章", "quantity": "1份", "note": ""}],
        },
        "sampling": {
            "started_at": datetime(2026, 1, 9, 10, 0, tzinfo=SHANGHAI),
            "place": "当事人堆场",
            "method": "现场随机抽取",
            "base_quantity": "约12立方米",
            "items": [{"name": "中砂样品", "spec": "5千克/袋", "quantity": "2袋", "note": "已加贴封条"}],
        },
        "handling": {
            "measure_label": "送交检验",
            "text": "对先行登记保存的砂石抽样后送交检验，其余物品解除先行登记保存。",
        },
        "testing": {
            "kind_label": "检验",
            "institution": "浙江省某建材质量检验所",
            "matters": "检验砂石的含泥量是否符合国家标准。",
            "items": [{"name": "中砂样品", "spec": "5千克/袋", "quantity": "2袋", "note": "封样完好"}],
            "period_start": date(2026, 1, 12),
            "period_end": date(2026, 1, 26),
            "result": "含泥量为4.8%，不符合国家标准的要求。",
        },
        "assistance": {
            "addressee": "杭州市拱墅区综合行政执法局",
            "matters": "请协助核实当事人在拱墅区的物料堆场登记情况。",
            "deadline_days": 15,
        },
        "suspension": {"kind_label": "中止调查", "ground": "当事人下落不明，致使案件暂时无法调查。"},
        "refund": {"amount_text": "人民币叁仟元整", "deadline": date(2026, 3, 1)},
        "education": {
            "date": date(2026, 3, 20),
            "place": "本局询问室",
            "method": "当面说理教育",
            "content": "向当事人讲解了城市道路管理的有关规定，当事人表示今后不再占道堆物。",
        },
        "publication": {"platform": "杭州市西湖区人民政府门户网站"},
        "enforcement": {
            "method": "依法拆除占道设施",
            "time": "2026年4月10日",
            "immediate": False,
            "object": "占道堆放的砂石物料约12立方米",
            "budget_text": "人民币贰仟元（按实际成本结算）",
            "performer": "杭州某某环卫服务有限公司",
        },
        "archive": {
            "volume_label": "正卷",
            "retention": "长期",
            "filed_by": "李芳",
            "filed_on": date(2026, 4, 20),
            "documents": [
                {"title": "立案审批表", "number": "", "date": date(2026, 1, 8), "pages": "1-2"},
                {
                    "title": "行政处罚决定书",
                    "number": "杭西综执罚决字〔2026〕第12号",
                    "date": date(2026, 3, 20),
                    "pages": "3-6",
                },
            ],
        },
        "transcript": {
            "kind_label": "询问笔录",
            "started_at": datetime(2026, 1, 9, 9, 0, tzinfo=SHANGHAI),
            "ended_at": datetime(2026, 1, 9, 9, 45, tzinfo=SHANGHAI),
            "place": "西湖区综合执法局询问室",
            "questions": [
                {"q": "门口人行道上的砂石是谁堆放的？", "a": "是我们公司堆放的。"},
                {"q": "堆放前是否办理了占用道路的审批手续？", "a": "没有办理。"},
            ],
            "recorder_name": "李芳",
            "interviewee_name": "刘某",
            "rights_notice_given": True,
        },
        "hearing": {
            "date": datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI),
            "place": "本局第一会议室",
            "chair": "孙主持",
            "clerk": "周记",
            "participants": "当事人委托代理人钱律师；调查人员王明、李芳",
            "statements": "调查人员宣读了违法事实和证据。代理人对占道面积提出异议。",
            "opinion": "违法事实清楚，建议维持拟处罚意见。",
        },
        "review": {
            "opinion": "本案事实清楚，证据充分，定性准确，适用依据正确，程序合法，处理适当。",
            "conclusion": "同意",
            "reviewer_name": "赵审",
            "reviewed_on": date(2026, 3, 10),
        },
        "discussion": {
            "date": date(2026, 3, 12),
            "participants": "陈局、副局长甲、副局长乙、法制科科长",
            "minutes": "与会人员对案件事实和裁量进行了讨论。",
            "conclusion": "同意按照拟处罚意见作出决定。",
        },
        "crime": {
            "suspected_offence": "非法经营罪",
            "reasons": "当事人非法经营数额达到追诉标准",
            "items": [{"name": "涉案物料", "spec": "中砂", "quantity": "约12立方米", "note": "已扣押"}],
            "receiver": "杭州市公安局西湖区分局",
        },
        "transfer": {
            "to_agency": "杭州市西湖区市场监督管理局",
            "reason": "主要违法事实为无证经营食品，属市场监督管理部门管辖",
            "transferred_on": date(2026, 3, 12),
        },
    }


def empty_like(value: Any) -> Any:
    """The same shape with every value missing: what an engine sends for a case with no data yet."""
    if isinstance(value, dict):
        return {key: empty_like(item) for key, item in value.items()}
    if isinstance(value, list):
        return []
    if isinstance(value, bool):
        return False
    return None


def source(entry: dict[str, Any]) -> str:
    return (TEMPLATE_DIR / entry["file"]).read_text(encoding="utf-8")


def render(code: str, context: dict[str, Any]) -> str:
    return ENGINE.from_string(source(BY_CODE[code])).render(Context(context))


def text_of(html: str) -> str:
    """The rendered text without tags and white space, to search for wording."""
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))


codes = pytest.mark.parametrize("code", [entry["code"] for entry in INDEX])


# -- the index -----------------------------------------------------------------------------------


def test_index_entries_are_well_formed() -> None:
    assert INDEX, "no templates shipped"
    for entry in INDEX:
        assert set(entry) == {"code", "title", "order", "stage", "required_by", "legal_basis", "file"}, entry
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", entry["code"]), entry["code"]
        assert len(entry["code"]) <= 60
        assert 0 < len(entry["title"]) <= 100
        assert 0 < len(entry["stage"]) <= 40
        assert 0 < len(entry["legal_basis"]) <= 300
        assert isinstance(entry["order"], int)
        assert 0 < entry["order"] < 32768
        assert isinstance(entry["required_by"], list)
        assert all(isinstance(rule, str) for rule in entry["required_by"])
        assert entry["file"] == f"{entry['code']}.html"
        assert (TEMPLATE_DIR / entry["file"]).is_file(), entry["file"]


def test_codes_titles_and_orders_are_unique() -> None:
    for key in ("code", "title", "order"):
        values = [entry[key] for entry in INDEX]
        assert len(values) == len(set(values)), f"duplicate {key}"


def test_every_template_file_is_indexed() -> None:
    files = {path.name for path in TEMPLATE_DIR.glob("*.html")}
    assert files == {entry["file"] for entry in INDEX}


def test_the_documents_of_an_ordinary_case_are_all_shipped() -> None:
    assert set(BY_CODE) >= REQUIRED_CODES, sorted(REQUIRED_CODES - set(BY_CODE))


def _section_4_rows() -> dict[str, str]:
    text = LEGAL_RULES.read_text(encoding="utf-8")
    section = text.split("## 4. Documents", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("#", "---") and not set(cells[0]) <= {"-"}:
            rows[cells[0]] = cells[1].replace("**", "").replace("（", "(").replace("）", ")")
    return rows


def test_every_document_of_legal_rules_section_4_has_a_template() -> None:
    """Each row of the list, and each document it names, is issued by a shipped template (or the
    row says why the agency drafts none: the party's own application, the finance receipt)."""
    if not LEGAL_RULES.is_file():
        pytest.skip(f"{LEGAL_RULES} not present")
    rows = _section_4_rows()
    assert len(rows) >= 29, rows
    assert set(rows) == set(SECTION_4), sorted(set(rows) ^ set(SECTION_4))
    not_drafted = []
    for row, documents in SECTION_4.items():
        for name, code in documents.items():
            assert name in rows[row], f"row {row} does not name {name!r}: {rows[row]!r}"
            if " " in code:
                not_drafted.append(name)
                continue
            assert code in BY_CODE, f"row {row}: {name} has no template {code!r}"
    assert set(not_drafted) == {"延期(分期)缴纳罚款申请", "听证申请", "罚没款专用票据"}


@codes
def test_renders_as_a_page_titled_by_its_heading(code: str) -> None:
    from zhifa.documents.rendering import render_html

    page = render_html(source(BY_CODE[code]), sample_context())
    title = re.search(r"<title>([^<]*)</title>", page)
    heading = re.search(r"<h1>([^<]*)</h1>", page)
    assert title, code
    assert heading, code
    assert title[1] == heading[1] != "", code


def test_rule_ids_exist_in_legal_rules() -> None:
    if not LEGAL_RULES.is_file():
        pytest.skip(f"{LEGAL_RULES} not present")
    defined = set(re.findall(r"^\| ([A-Z]{2}-\d+[a-z]?) \|", LEGAL_RULES.read_text(encoding="utf-8"), re.MULTILINE))
    assert defined, "no rule ids found in LEGAL-RULES.md"
    for entry in INDEX:
        unknown = set(entry["required_by"]) - defined
        assert not unknown, f"{entry['code']}: {sorted(unknown)}"


_CITED_LAW = re.compile(r"《([^》]+)》((?:第[零一二三四五六七八九十百]+条(?:第[一二三四五六七八九十]+款)?[、和]?)+)")


def test_legal_basis_cites_articles_of_the_law_base() -> None:
    laws = laws_by_title()
    for entry in INDEX:
        cited = _CITED_LAW.findall(entry["legal_basis"])
        assert cited, f"{entry['code']}: no citation in {entry['legal_basis']!r}"
        for law_title, articles in cited:
            law = laws.get(law_title)
            assert law is not None, f"{entry['code']}: {law_title} is not in the law base"
            assert law.get("status") not in ("已废止", "已修改"), f"{law_title} is {law.get('status')}"
            numbers = {article["num"] for article in law["articles"]}
            for numeral in re.findall(r"第([零一二三四五六七八九十百]+)条", articles):
                assert parse_ordinal(numeral) in numbers, f"{entry['code']}: {law_title} 第{numeral}条"


# -- the template files --------------------------------------------------------------------------


@codes
def test_template_compiles_with_builtins_only(code: str) -> None:
    body = source(BY_CODE[code])
    for forbidden in ("{% load", "{% include", "{% extends", "{% block", "{% url", "{% static"):
        assert forbidden not in body, forbidden
    ENGINE.from_string(body)


@codes
def test_template_is_plain_html(code: str) -> None:
    body = source(BY_CODE[code]).lower()
    for forbidden in ("<script", "<style", "<link", "<img", "<iframe", " style=", " src=", " href=", "http:", "https:"):
        assert forbidden not in body, forbidden
    assert body.count("<h1>") == 1


def _paths(expression: FilterExpression) -> list[tuple[str, ...]]:
    """The variable lookups of an expression and of its filter arguments."""
    found = []
    if isinstance(expression.var, Variable) and expression.var.lookups:
        found.append(expression.var.lookups)
    for _func, args in expression.filters:
        for is_lookup, arg in args:
            if is_lookup and arg.lookups:
                found.append(arg.lookups)
    return found


def _condition_expressions(condition: Any) -> list[FilterExpression]:
    if condition is None:
        return []
    if isinstance(condition, TemplateLiteral):
        return [condition.value]
    return _condition_expressions(getattr(condition, "first", None)) + _condition_expressions(
        getattr(condition, "second", None)
    )


FORLOOP_ATTRIBUTES = {"counter", "counter0", "revcounter", "revcounter0", "first", "last"}


def _check_path(lookups: tuple[str, ...], scope: dict[str, Any], where: str) -> Any:
    if lookups[0] == "forloop":
        assert "forloop" in scope, f"{where}: forloop outside a loop"
        assert len(lookups) == 2, f"{where}: {'.'.join(lookups)}"
        assert lookups[1] in FORLOOP_ATTRIBUTES, f"{where}: {'.'.join(lookups)}"
        return None
    assert lookups[0] in scope, f"{where}: {'.'.join(lookups)} is not in the context contract"
    value = scope[lookups[0]]
    for depth, part in enumerate(lookups[1:], start=1):
        assert isinstance(value, dict), f"{where}: {'.'.join(lookups[: depth + 1])} looks into a non-mapping"
        assert part in value, f"{where}: {'.'.join(lookups[: depth + 1])} is not in the context contract"
        value = value[part]
    return value


def _walk(nodes: list[Node], scope: dict[str, Any], where: str) -> None:
    for node in nodes:
        if isinstance(node, TextNode):
            continue
        if isinstance(node, VariableNode):
            for lookups in _paths(node.filter_expression):
                _check_path(lookups, scope, where)
        elif isinstance(node, IfNode):
            for condition, nodelist in node.conditions_nodelists:
                for expression in _condition_expressions(condition):
                    for lookups in _paths(expression):
                        _check_path(lookups, scope, where)
                _walk(nodelist, scope, where)
        elif isinstance(node, ForNode):
            (sequence,) = _paths(node.sequence)
            items = _check_path(sequence, scope, where)
            assert isinstance(items, list), f"{where}: {'.'.join(sequence)} is not a list of the contract"
            assert items, f"{where}: the sample context needs an element of {'.'.join(sequence)}"
            assert len(node.loopvars) == 1, f"{where}: unpack in a loop"
            inner = scope | {node.loopvars[0]: items[0], "forloop": None}
            _walk(node.nodelist_loop, inner, where)
            _walk(node.nodelist_empty, scope, where)
        else:
            pytest.fail(f"{where}: tag {type(node).__name__} is not allowed in a document template")


@codes
def test_template_uses_only_the_context_contract(code: str) -> None:
    """Statically, so that names inside {% if %} and {% for %} (which never show the marker) count too."""
    template = ENGINE.from_string(source(BY_CODE[code]))
    _walk(template.nodelist, sample_context(), code)


class _Balance(HTMLParser):
    VOID = {"br", "hr", "img", "meta", "input", "col", "wbr"}

    # Elements whose end tag HTML allows to be left out; the templates close them anyway.
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, _value in attrs:
            assert name in ("class", "colspan", "rowspan", "data-qr-url"), f"attribute {name}"
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()


@codes
@pytest.mark.parametrize("kind", ["organisation", "individual"])
@pytest.mark.parametrize("hearing", [True, False])
def test_renders_with_the_full_context(code: str, kind: str, hearing: bool) -> None:
    context = sample_context(kind=kind, hearing=hearing)
    html = render(code, context)
    assert "@@INVALID" not in html, re.findall(r"@@INVALID\[[^\]]*\]@@", html)
    assert "None" not in html
    checker = _Balance()
    checker.feed(html)
    checker.close()
    assert checker.stack == [], f"unclosed {checker.stack}"
    text = text_of(html)
    assert "杭州市西湖区综合行政执法局" in text
    assert "K7Q2M9" in text, "the verification line is missing"
    assert context["document"]["qr_url"] in html


@codes
def test_renders_with_an_empty_context(code: str) -> None:
    html = render(code, empty_like(sample_context()))
    assert "@@INVALID" not in html
    assert "None" not in html


@codes
def test_party_kind_changes_the_rendering(code: str) -> None:
    if "party.kind" not in source(BY_CODE[code]):
        pytest.skip("does not depend on the kind of party")
    assert render(code, sample_context(kind="organisation")) != render(code, sample_context(kind="individual"))


# -- contents the statutes require ---------------------------------------------------------------


@pytest.mark.parametrize("code", REMEDY_DECISIONS)
def test_decisions_tell_the_remedy_routes_and_periods(code: str) -> None:
    text = text_of(render(code, sample_context()))
    assert "行政复议" in text
    assert "行政诉讼" in text
    assert re.search(r"(六十|60)日", text)
    assert re.search(r"(六|6)个月", text)
    assert "杭州市西湖区人民政府" in text
    assert "杭州市西湖区人民法院" in text


def test_summary_decision_requires_reconsideration_before_litigation() -> None:
    """行政复议法 第二十三条: on-the-spot penalties go to reconsideration first; no direct suit."""
    text = text_of(render("summary_decision", sample_context(kind="individual")))
    assert "《中华人民共和国行政复议法》第二十三条" in text
    assert "先自收到本决定书之日起60日内" in text
    assert "十五日内" in text
    assert not re.search(r"(六|6)个月", text)
    assert "直接向人民法院" not in text


def test_penalty_decision_holds_every_item_of_article_59() -> None:
    context = sample_context()
    text = text_of(render("penalty_decision", context))
    # (一) name and address
    assert context["party"]["name"] in text
    assert context["party"]["address"] in text
    # (二) facts and evidence
    assert text_of(context["facts"]) in text
    for item in context["evidence"]:
        assert item["name"] in text
    # (三) kind and basis
    assert "《城市道路管理条例》第二十七条第（三）项" in text
    assert "《城市道路管理条例》第四十二条第（三）项" in text
    assert "壹万元整" in text
    assert "10000.00" in text
    assert "没收违法所得人民币伍佰元整" in text
    # 第二十八条: correction
    assert "责令你单位立即清除占道堆放的物料" in text
    # (四) manner and time limit of performance
    assert "自收到本决定书之日起15日内" in text
    assert "中国工商银行杭州西湖支行" in text
    assert "1202020000000000000" in text
    # (五) remedy
    assert "60日内向杭州市西湖区人民政府申请行政复议" in text
    assert "6个月内依法向杭州市西湖区人民法院提起行政诉讼" in text
    # (六) agency and date, with the seal
    assert "2026年3月20日" in text
    assert "（杭州市西湖区综合行政执法局印章）" in text


@pytest.mark.parametrize("code", ["penalty_decision", "summary_decision"])
def test_fine_decisions_carry_the_payment_and_surcharge_clause(code: str) -> None:
    text = text_of(render(code, sample_context()))
    assert re.search(r"收到本决定书之日起(15|十五)日内", text)
    assert "每日按罚款数额的3%加处罚款" in text
    assert "不超出罚款的数额" in text


@pytest.mark.parametrize("code", ["payment_deferral_approval", "enforcement_reminder"])
def test_later_payment_documents_repeat_the_surcharge_standard(code: str) -> None:
    text = text_of(render(code, sample_context()))
    assert "每日按罚款数额的3%加处罚款" in text


def test_payment_clause_is_left_out_without_money_to_pay() -> None:
    context = sample_context()
    context["penalty"] |= {"kinds_text": "警告", "fine_amount": None, "fine_amount_text": "", "confiscation_text": ""}
    text = text_of(render("penalty_decision", context))
    assert "加处罚款" not in text.replace("加处罚款的数额在行政复议或者行政诉讼期间不予计算", "")
    assert "本决定自送达之日起执行" in text


def test_prior_notice_tells_the_intended_penalty_and_the_rights() -> None:
    """行政处罚法 第四十四条: intended penalty, facts, reasons, basis; statement and defence."""
    text = text_of(render("prior_notice", sample_context(hearing=False)))
    assert text_of(sample_context()["facts"]) in text
    assert "《城市道路管理条例》第四十二条第（三）项" in text
    assert "壹万元整" in text
    assert "陈述" in text
    assert "申辩" in text
    assert "5个工作日内（2026年2月13日前）" in text
    assert "不会因你单位陈述、申辩而给予更重的处罚" in text


def test_prior_notice_hearing_clause_only_when_the_hearing_right_applies() -> None:
    with_hearing = text_of(render("prior_notice", sample_context(hearing=True)))
    without = text_of(render("prior_notice", sample_context(hearing=False)))
    assert "要求听证" in with_hearing
    assert "第六十三条" in with_hearing
    assert "委托一至二人代理" in with_hearing
    assert "不承担本机关组织听证的费用" in with_hearing
    assert "听证" not in without
    assert "第六十三条" not in without


def test_hearing_notice_holds_time_place_and_the_article_64_rights() -> None:
    text = text_of(render("hearing_notice", sample_context()))
    assert "2026年3月2日9时30分" in text
    assert "本局第一会议室" in text
    assert "孙主持" in text
    for wording in ("公开举行", "申请回避", "委托一至二人代理", "视为放弃听证权利", "不承担"):
        assert wording in text, wording


def test_hearing_record_is_signed_or_the_refusal_noted() -> None:
    text = text_of(render("hearing_record", sample_context()))
    assert "核对" in text
    assert "拒绝签字或者盖章的情况（由主持人注明）" in text


def test_seizure_decision_holds_every_item_of_article_24() -> None:
    context = sample_context()
    text = text_of(render("seizure_decision", context))
    assert "扣押决定书" in text
    assert context["party"]["name"] in text  # (一)
    assert text_of(context["reasons"]) in text  # (二) reason
    assert "《中华人民共和国行政强制法》第二十二条" in text  # (二) basis
    assert "扣押期限：30日" in text  # (二) period
    for item in context["measures"]["items"]:  # (三) items and quantities
        assert item["name"] in text
        assert item["quantity"] in text
    assert "行政复议" in text  # (四)
    assert "行政诉讼" in text
    assert "（杭州市西湖区综合行政执法局印章）" in text  # (五)
    assert "2026年3月20日" in text
    assert "一式二份" in text


def test_reminder_holds_every_item_of_article_35() -> None:
    text = text_of(render("enforcement_reminder", sample_context()))
    assert "履行期限：自收到本催告书之日起15日内" in text  # (一)
    assert "履行方式" in text  # (二)
    assert "中国工商银行杭州西湖支行" in text
    assert "壹万元整" in text  # (三)
    assert "陈述" in text  # (四)
    assert "申辩" in text


def test_court_application_is_signed_by_the_head_and_sealed() -> None:
    """行政强制法 第五十五条."""
    text = text_of(render("court_enforcement_application", sample_context()))
    assert "申请人负责人签名陈局" in text
    assert "（杭州市西湖区综合行政执法局印章）" in text
    assert "2026年3月20日" in text
    for wording in (
        "行政处罚决定书及作出决定的事实、理由和依据",
        "当事人的意见及本机关催告情况",
        "申请强制执行标的情况",
    ):
        assert wording in text, wording


@pytest.mark.parametrize("code", SIGNED_BY_HANDLERS)
def test_handlers_are_named_with_their_credentials(code: str) -> None:
    text = text_of(render(code, sample_context()))
    for handler in sample_context()["case"]["handlers"]:
        assert handler["name"] in text
        assert handler["credential_number"] in text


@pytest.mark.parametrize("code", SEALED)
def test_issued_documents_bear_the_seal_line(code: str) -> None:
    html = render(code, sample_context())
    assert 'class="seal"' in html
    assert "（杭州市西湖区综合行政执法局印章）" in html


def test_stylesheet_sets_up_a4_pages() -> None:
    css = (TEMPLATE_DIR / "document.css").read_text(encoding="utf-8")
    assert re.search(r"@page\s*{[^}]*size:\s*A4", css)
    assert "counter(page)" in css
    assert '"Noto Serif CJK SC", "Noto Sans CJK SC", serif' in css
    assert "@import" not in css
    assert "url(" not in css
    for selector in ("h1", ".seal-block", ".verify", ".signers"):
        assert selector in css, selector


# -- the documents added for LEGAL-RULES.md section 4 rows 5-11, 17, 19, 24, 27 and the referral ----


def test_evidence_request_names_the_deadline_and_the_original_copy_rule() -> None:
    """市监程序 第二十四条、第三十条."""
    text = text_of(render("evidence_request_notice", sample_context()))
    assert "于2026年1月16日前" in text
    assert "营业执照复印件" in text
    assert "与原件一致" in text
    assert "出证日期" in text


def test_sampling_record_lists_the_samples_sealed_and_signed() -> None:
    """市监程序 第三十一条: party notified, record, seal, list, both sign."""
    text = text_of(render("sampling_record", sample_context()))
    assert "2026年1月9日10时00分" in text
    assert "中砂样品" in text
    assert "2袋" in text
    assert "通知当事人到场" in text
    assert "加贴封条" in text
    assert "当事人签名或者盖章" in text


def test_preservation_handling_is_decided_within_seven_working_days() -> None:
    """市监程序 第三十五条."""
    text = text_of(render("preservation_handling_decision", sample_context()))
    assert "2026年1月9日" in text
    assert "七个工作日内" in text
    assert "送交检验" in text
    assert "解除先行登记保存措施" in text


def test_extension_notice_gives_the_reason_and_caps_the_extension_at_thirty_days() -> None:
    """行政强制法 第二十五条第一款、第二款."""
    text = text_of(render("seizure_extension_notice", sample_context()))
    assert text_of(sample_context()["reasons"]) in text
    assert "延长30日，至2026年3月9日止" in text
    assert "延长期限不超过三十日" in text


def test_testing_period_notice_states_the_period_excluded_and_the_cost_borne_by_the_agency() -> None:
    """行政强制法 第二十五条第三款."""
    text = text_of(render("testing_period_notice", sample_context()))
    assert "自2026年1月12日起至2026年1月26日止" in text
    assert "不计入扣押期限" in text
    assert "费用由本机关承担" in text


def test_assistance_letter_asks_for_completion_within_fifteen_working_days() -> None:
    """市监程序 第四十五条."""
    text = text_of(render("assistance_letter", sample_context()))
    assert text.startswith("杭州市西湖区综合行政执法局协助调查函")
    assert "杭州市拱墅区综合行政执法局：" in text
    assert "15个工作日内" in text
    assert "期限届满前告知本机关" in text


def test_testing_commission_and_result_notice_name_the_institution_and_the_result() -> None:
    """市监程序 第三十二条: a qualified institution; the result is told to the party."""
    commission = text_of(render("testing_commission", sample_context()))
    assert "浙江省某建材质量检验所：" in commission
    assert "检验砂石的含泥量" in commission
    result = text_of(render("testing_result_notice", sample_context()))
    assert "含泥量为4.8%" in result
    assert "现将结果告知你单位" in result


def test_suspension_approval_is_approved_by_the_head() -> None:
    """市监程序 第四十六条、第四十七条."""
    text = text_of(render("suspension_approval", sample_context()))
    assert "中止调查" in text
    assert "当事人下落不明" in text
    assert "行政机关负责人意见负责人：陈局" in text
    assert "不计入案件办理期限" in text


def test_refund_order_sets_a_time_limit_and_the_public_search() -> None:
    """市监程序 第五十九条."""
    text = text_of(render("refund_order", sample_context()))
    assert "多收价款人民币叁仟元整" in text
    assert "于2026年3月1日前" in text
    assert "公告查找" in text


def test_education_record_follows_a_no_penalty_decision() -> None:
    """行政处罚法 第三十三条第三款."""
    text = text_of(render("education_record", sample_context(kind="individual")))
    assert "决定不予行政处罚，并对当事人进行了教育" in text
    assert "当事人表示今后不再占道堆物" in text
    assert "张三" in text


def test_publication_notice_tells_the_party_in_writing_and_how_it_is_masked() -> None:
    """市监公示 第八条; the ZJ-7 masking list."""
    text = text_of(render("publication_notice", sample_context()))
    assert "将通过杭州市西湖区人民政府门户网站向社会公示" in text
    assert "身份证件号码" in text
    assert "必要处理" in text


def test_enforcement_decision_holds_every_item_of_article_37() -> None:
    context = sample_context()
    text = text_of(render("enforcement_decision", context))
    assert context["party"]["name"] in text
    assert context["party"]["address"] in text
    assert text_of(context["reasons"]) in text  # (二)
    assert "《中华人民共和国行政强制法》第三十七条" in text
    assert "方式：依法拆除占道设施" in text  # (三)
    assert "时间：2026年4月10日" in text
    assert "60日内向杭州市西湖区人民政府申请行政复议" in text  # (四)
    assert "（杭州市西湖区综合行政执法局印章）" in text
    assert "2026年3月20日" in text
    assert "立即强制执行" not in text
    context["enforcement"]["immediate"] = True
    assert "立即强制执行" in text_of(render("enforcement_decision", context))


def test_substitute_performance_decision_holds_every_item_of_article_51() -> None:
    context = sample_context()
    text = text_of(render("substitute_performance_decision", context))
    assert context["party"]["name"] in text
    assert context["party"]["address"] in text
    assert text_of(context["reasons"]) in text
    for value in context["enforcement"].values():
        if isinstance(value, str):
            assert value in text, value
    assert "代履行三日前" in text
    assert "由你单位承担" in text


def test_crime_report_and_property_notice_go_with_the_referral() -> None:
    """移送规定 第六条 (二)(三); 行政强制法 第二十一条."""
    report = text_of(render("crime_investigation_report", sample_context()))
    assert "涉嫌非法经营罪" in report
    assert "涉案物料" in report
    assert "正职负责人或者主持工作的负责人审批意见" in report
    notice = text_of(render("referral_property_notice", sample_context()))
    assert "已依法将案件移送杭州市公安局西湖区分局" in notice
    assert "《中华人民共和国行政强制法》第二十一条" in notice
    assert "小型装载机" in notice


def test_archive_catalogue_lists_the_documents_in_the_order_of_article_78() -> None:
    text = text_of(render("archive_catalogue", sample_context()))
    assert "正卷" in text
    assert "副卷" in text
    assert text.index("1立案审批表") < text.index("2行政处罚决定书")
    assert "保管期限长期" in text
