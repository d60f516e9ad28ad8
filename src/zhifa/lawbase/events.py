"""Audit kinds of the element centre."""

from django.utils.translation import gettext_lazy as _

from zhifa.core.audit.kinds import audit_kind

LAW_IMPORTED = audit_kind("lawbase.law.imported", _("导入法律法规"))
MATTER_CREATED = audit_kind("lawbase.matter.created", _("新增执法事项"))
MATTER_CHANGED = audit_kind("lawbase.matter.changed", _("修改执法事项"))
CATALOGUE_SAVED = audit_kind("lawbase.catalogue.saved", _("保存执法事项目录"))
CATALOGUE_ENTRIES_CHANGED = audit_kind("lawbase.catalogue.entries_changed", _("调整目录事项"))
MATTER_ASSIGNED = audit_kind(
    "lawbase.holding.assigned", _("配置主体执法事项"), "《中华人民共和国行政处罚法》第二十四条"
)
MATTER_UNASSIGNED = audit_kind("lawbase.holding.unassigned", _("取消主体执法事项"))
BENCHMARK_CREATED = audit_kind("lawbase.benchmark.created", _("新建裁量基准"))
BENCHMARK_LEVEL_SAVED = audit_kind("lawbase.benchmark.level_saved", _("保存裁量档次"))
BENCHMARK_LEVEL_REMOVED = audit_kind("lawbase.benchmark.level_removed", _("删除裁量档次"))
CIRCUMSTANCE_SAVED = audit_kind("lawbase.benchmark.circumstance_saved", _("保存裁量情节"))
BENCHMARK_PUBLISHED = audit_kind(
    "lawbase.benchmark.published", _("发布裁量基准"), "《中华人民共和国行政处罚法》第三十四条"
)
REFERENCE_CASE_SAVED = audit_kind("lawbase.reference_case.saved", _("保存典型案例"))
TABLE_IMPORTED = audit_kind("lawbase.table.imported", _("批量导入"))
SYNONYM_SAVED = audit_kind("lawbase.synonym.saved", _("保存检索同义词"))
SYNONYM_REMOVED = audit_kind("lawbase.synonym.removed", _("删除检索同义词"))
