from django.db import models
from django.utils.translation import gettext_lazy as _


class LawLevel(models.TextChoices):
    """效力层级 (立法法): what may create penalties depends on it (行政处罚法 第十至十六条)."""

    LAW = "law", _("法律")
    ADMINISTRATIVE_REGULATION = "administrative_regulation", _("行政法规")
    LOCAL_REGULATION = "local_regulation", _("地方性法规")
    DEPARTMENTAL_RULE = "departmental_rule", _("部门规章")
    LOCAL_GOVERNMENT_RULE = "local_government_rule", _("地方政府规章")
    NORMATIVE_DOCUMENT = "normative_document", _("规范性文件")
    JUDICIAL_INTERPRETATION = "judicial_interpretation", _("司法解释")


LEVEL_BY_CATEGORY = {
    "法律": LawLevel.LAW,
    "行政法规": LawLevel.ADMINISTRATIVE_REGULATION,
    "地方性法规": LawLevel.LOCAL_REGULATION,
    "部门规章": LawLevel.DEPARTMENTAL_RULE,
    "地方政府规章": LawLevel.LOCAL_GOVERNMENT_RULE,
    "规范性文件": LawLevel.NORMATIVE_DOCUMENT,
    "司法解释": LawLevel.JUDICIAL_INTERPRETATION,
}


class LawStatus(models.TextChoices):
    IN_FORCE = "in_force", _("有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    UNKNOWN = "unknown", _("未知")


STATUS_BY_TEXT = {"有效": LawStatus.IN_FORCE, "已修改": LawStatus.AMENDED, "已废止": LawStatus.REPEALED}


class PenaltyKind(models.TextChoices):
    """The kinds of 行政处罚法 第九条, as the statute parser names them."""

    FINE = "fine", _("罚款")
    CONFISCATE_GAINS = "confiscate_gains", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
    WARNING = "warning", _("警告")
    CRITICISM = "criticism", _("通报批评")
    SUSPENSION = "suspension", _("责令停产停业")
    REVOCATION = "revocation", _("吊销许可证件")
    QUALIFICATION_DOWNGRADE = "qualification_downgrade", _("降低资质等级")
    LICENCE_SUSPENSION = "licence_suspension", _("暂扣许可证件")
    BUSINESS_RESTRICTION = "business_restriction", _("限制开展生产经营活动")
    CLOSURE = "closure", _("责令关闭")
    PRACTICE_RESTRICTION = "practice_restriction", _("限制从业")
    DETENTION = "detention", _("行政拘留")


class FineBase(models.TextChoices):
    AMOUNT = "amount", _("固定金额")
    ILLEGAL_GAINS = "illegal_gains", _("违法所得")
    GOODS_VALUE = "goods_value", _("货值金额")
    TURNOVER = "turnover", _("销售额")
    INVESTMENT = "investment", _("投资额")
    FEE = "fee", _("费用")
    OTHER = "other", _("其他基数")


class PartyScope(models.TextChoices):
    ANY = "any", _("不限")
    INDIVIDUAL = "individual", _("个人")
    ORGANISATION = "organisation", _("单位")
    RESPONSIBLE_PERSON = "responsible_person", _("直接责任人员")


class MatterKind(models.TextChoices):
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    INSPECTION = "inspection", _("行政检查")
    OTHER = "other", _("其他")


class MatterStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    SUSPENDED = "suspended", _("暂停")
    REPEALED = "repealed", _("废止")


class BasisRole(models.TextChoices):
    VIOLATED = "violated", _("违法依据")
    PENALTY = "penalty", _("处罚依据")
    PROCEDURE = "procedure", _("程序依据")


class CatalogueKind(models.TextChoices):
    BASE = "base", _("基础库")
    OPTIONAL = "optional", _("自选库")


class HoldingSource(models.TextChoices):
    """How an agency came to exercise a matter."""

    OWN = "own", _("本机关法定职权")
    DEVOLVED = "devolved", _("赋权乡镇（街道）")
    ENTRUSTED = "entrusted", _("委托")


class Grade(models.TextChoices):
    NO_PENALTY = "no_penalty", _("不予处罚")
    MINOR = "minor", _("轻微")
    GENERAL = "general", _("一般")
    SERIOUS = "serious", _("较重")
    SEVERE = "severe", _("严重")


class BenchmarkStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class CircumstanceKind(models.TextChoices):
    NO_PENALTY = "no_penalty", _("不予处罚")
    MITIGATING = "mitigating", _("从轻、减轻")
    AGGRAVATING = "aggravating", _("从重")


class ReferenceKind(models.TextChoices):
    COURT = "court", _("司法案例")
    ENFORCEMENT = "enforcement", _("执法案例")
