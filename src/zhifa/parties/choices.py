from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    INDIVIDUAL = "individual", _("自然人")
    ORGANISATION = "organisation", _("法人或其他组织")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")
    PASSPORT = "passport", _("护照")
    OTHER = "other", _("其他证件")


class CreditGrade(models.TextChoices):
    """信用分级分类: A 信用良好 … D 严重失信; unrated until a grading source is connected."""

    UNRATED = "", _("未评级")
    A = "A", _("A 级（信用良好）")
    B = "B", _("B 级（信用一般）")
    C = "C", _("C 级（信用较差）")
    D = "D", _("D 级（严重失信）")


class AddressKind(models.TextChoices):
    REGISTERED = "registered", _("户籍地或注册地")
    BUSINESS = "business", _("经营地或住所")
    DELIVERY = "delivery", _("送达地址")
