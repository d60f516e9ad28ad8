from django.db import models
from django.utils.translation import gettext_lazy as _


class Procedure(models.TextChoices):
    GENERAL = "general", _("普通程序")
    SUMMARY = "summary", _("简易程序")


class LeadSource(models.TextChoices):
    INSPECTION = "inspection", _("监督检查发现")
    COMPLAINT = "complaint", _("投诉举报")
    REFERRAL = "referral", _("其他机关移送")
    ASSIGNMENT = "assignment", _("上级交办")
    INCIDENT = "incident", _("指挥中心派单")
    OTHER = "other", _("其他")


class LeadStatus(models.TextChoices):
    OPEN = "open", _("待核查")
    PENDING = "pending", _("立案待批")
    REGISTERED = "registered", _("已立案")
    NOT_REGISTERED = "not_registered", _("不予立案")


class CaseStatus(models.TextChoices):
    """The stage a case has reached; which steps are open depends on it and on the rules."""

    REGISTRATION_PENDING = "registration_pending", _("立案待批")
    INVESTIGATING = "investigating", _("调查取证")
    REPORTED = "reported", _("调查终结")
    IN_REVIEW = "in_review", _("审核中")
    REVIEWED = "reviewed", _("审核完毕")
    NOTIFIED = "notified", _("已事先告知")
    HEARING = "hearing", _("听证")
    DECIDED = "decided", _("已决定")
    EXECUTING = "executing", _("执行中")
    CLOSED = "closed", _("已结案")
    ARCHIVED = "archived", _("已归档")
    SUSPENDED = "suspended", _("中止调查")
    TERMINATED = "terminated", _("终止调查")
    TRANSFERRED = "transferred", _("已移送其他机关")
    REFERRED = "referred", _("已移送司法机关")
    NOT_REGISTERED = "not_registered", _("不予立案")


OPEN_STATUSES = {
    CaseStatus.REGISTRATION_PENDING,
    CaseStatus.INVESTIGATING,
    CaseStatus.REPORTED,
    CaseStatus.IN_REVIEW,
    CaseStatus.REVIEWED,
    CaseStatus.NOTIFIED,
    CaseStatus.HEARING,
    CaseStatus.DECIDED,
    CaseStatus.EXECUTING,
    CaseStatus.SUSPENDED,
}


class Outcome(models.TextChoices):
    """行政处罚法 第五十七条: the closed list of what the head decides after investigation."""

    PENALTY = "penalty", _("给予行政处罚")
    NO_PENALTY_MINOR = "no_penalty_minor", _("违法行为轻微，依法不予行政处罚")
    NO_PENALTY_UNPROVEN = "no_penalty_unproven", _("违法事实不能成立，不予行政处罚")
    REFER = "refer", _("移送司法机关")


class OfficerRole(models.TextChoices):
    LEAD = "lead", _("主办人")
    HANDLER = "handler", _("承办人")


class EvidenceKind(models.TextChoices):
    """行政处罚法 第四十六条."""

    DOCUMENT = "document", _("书证")
    PHYSICAL = "physical", _("物证")
    AUDIOVISUAL = "audiovisual", _("视听资料")
    ELECTRONIC = "electronic", _("电子数据")
    WITNESS = "witness", _("证人证言")
    PARTY_STATEMENT = "party_statement", _("当事人的陈述")
    EXPERT_OPINION = "expert_opinion", _("鉴定意见")
    RECORD = "record", _("勘验笔录、现场笔录")


class TranscriptKind(models.TextChoices):
    INSPECTION = "inspection", _("现场笔录")
    INQUIRY = "inquiry", _("询问笔录")


class ReviewKind(models.TextChoices):
    LEGAL = "legal", _("法制审核")
    CASE = "case", _("案件审核")


class ReviewResult(models.TextChoices):
    PASSED = "passed", _("通过")
    SUPPLEMENT = "supplement", _("补充调查")
    FAILED = "failed", _("不通过")


class MajorGround(models.TextChoices):
    """行政处罚法 第五十八条: when legal review must precede the decision."""

    PUBLIC_INTEREST = "public_interest", _("涉及重大公共利益")
    HEARING_MAJOR_RIGHTS = "hearing_major_rights", _("直接关系重大权益，经过听证程序")
    COMPLEX = "complex", _("案件情况疑难复杂、涉及多个法律关系")
    OTHER_LAW = "other_law", _("法律、法规规定应当进行法制审核")


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", _("直接送达")
    POST = "post", _("邮寄送达")
    ELECTRONIC = "electronic", _("电子送达")
    PUBLIC_NOTICE = "public_notice", _("公告送达")
    LEFT_AT_ADDRESS = "left_at_address", _("留置送达")


class PaymentChannel(models.TextChoices):
    BANK = "bank", _("指定银行缴纳")
    ELECTRONIC = "electronic", _("电子支付")
    ON_THE_SPOT = "on_the_spot", _("当场收缴")


class RemedyKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("行政复议")
    LITIGATION = "litigation", _("行政诉讼")


class EnforcementKind(models.TextChoices):
    """How an agency with enforcement power enforces a decision itself (行政强制法 第四章)."""

    MONEY = "money", _("金钱给付义务的执行（划拨、拍卖抵缴）")
    DEMOLITION = "demolition", _("强制拆除")
    SUBSTITUTE = "substitute", _("代履行")


class DeadlineState(models.TextChoices):
    OPEN = "open", _("进行中")
    MET = "met", _("已完成")
    CANCELLED = "cancelled", _("已取消")


class Capacity(models.TextChoices):
    """行政处罚法 第三十一条."""

    FULL = "full", _("完全辨认控制能力")
    PARTIAL = "partial", _("尚未完全丧失辨认或者控制能力")
    NONE = "none", _("不能辨认或者不能控制自己的行为")


class CaseFileState(models.TextChoices):
    PENDING = "pending", _("生成中")
    BUILT = "built", _("已生成")
    FAILED = "failed", _("生成失败")
