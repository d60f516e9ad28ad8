"""The laws the case engine cites, written once."""

from __future__ import annotations

from zhifa.lawbase.numerals import chinese_ordinal

PENALTY_LAW = "《中华人民共和国行政处罚法》"
COMPULSION_LAW = "《中华人民共和国行政强制法》"
RECONSIDERATION_LAW = "《中华人民共和国行政复议法》"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"
LITIGATION_INTERPRETATION = "《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》"
MARKET_PROCEDURE = "《市场监督管理行政处罚程序规定》"
REFERRAL_RULES = "《行政执法机关移送涉嫌犯罪案件的规定》"
HOLIDAY_RULES = "《全国年节及纪念日放假办法》"


def art(law: str, *numbers: int, paragraph: int | None = None) -> str:
    """art(PENALTY_LAW, 42) → 《中华人民共和国行政处罚法》第四十二条; several numbers are joined with 、."""
    articles = "、".join(f"第{chinese_ordinal(n)}条" for n in numbers)
    if paragraph:
        articles += f"第{chinese_ordinal(paragraph)}款"
    return f"{law}{articles}"
