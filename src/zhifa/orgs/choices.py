from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡级")


class LegalStatus(models.TextChoices):
    """行政处罚法 第十七至二十条: who may impose penalties in their own name."""

    STATUTORY = "statutory", _("法定行政机关")
    AUTHORISED = "authorised", _("法律法规授权组织")
    ENTRUSTED = "entrusted", _("受委托组织")


class Role(models.TextChoices):
    OFFICER = "officer", _("执法人员")
    TEAM_LEAD = "team_lead", _("中队长")
    AGENCY_HEAD = "agency_head", _("机关负责人")
    LEGAL_REVIEWER = "legal_reviewer", _("法制审核人员")
    DISPATCHER = "dispatcher", _("指挥中心调度员")
    SUPERVISOR = "supervisor", _("执法监督人员")
    ADMINISTRATOR = "administrator", _("系统管理员")
