"""Matters and their legal basis, catalogues, and which agencies hold which matters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.core.errors import InvalidInput, RuleViolation
from zhifa.core.locking import update_versioned
from zhifa.core.snapshot import diff, snapshot
from zhifa.core.validation import integrity_as_invalid, validate
from zhifa.lawbase.actions import search_index
from zhifa.lawbase.choices import BasisRole, CatalogueKind, HoldingSource, MatterKind
from zhifa.lawbase.events import (
    CATALOGUE_ENTRIES_CHANGED,
    CATALOGUE_SAVED,
    MATTER_ASSIGNED,
    MATTER_CHANGED,
    MATTER_CREATED,
    MATTER_UNASSIGNED,
)
from zhifa.lawbase.models import AgencyMatter, Article, CatalogueEntry, LegalBasis, Matter, MatterCatalogue
from zhifa.lawbase.permissions import ASSIGN_MATTER, MANAGE_LAWBASE
from zhifa.orgs.choices import RegionLevel
from zhifa.orgs.events import audit
from zhifa.orgs.models import Agency, Domain, Region
from zhifa.orgs.policy import require

MATTER_FIELDS = ["name", "kind", "domain", "region", "status", "effective_from", "effective_to", "aliases"]
DEVOLUTION_CITATION = "《中华人民共和国行政处罚法》第二十四条"


def join_aliases(aliases: Iterable[str] | str) -> str:
    items = aliases.split("、") if isinstance(aliases, str) else aliases
    return "、".join(dict.fromkeys(a.strip() for a in items if a.strip()))


@dataclass(frozen=True)
class BasisSpec:
    article: Article
    role: str
    paragraph: int | None = None
    item: int | None = None


def _basis_snapshot(matter: Matter) -> list[str]:
    return sorted(f"{b.role}:{b.citation}" for b in matter.bases.select_related("article__law"))


def _check_bases(kind: str, bases: list[BasisSpec]) -> None:
    roles = {b.role for b in bases}
    if kind == MatterKind.PENALTY and not {BasisRole.VIOLATED, BasisRole.PENALTY} <= roles:
        raise InvalidInput(
            _("行政处罚事项须同时有违法依据和处罚依据（《行政处罚法》第三十八条：没有依据的处罚无效）。"),
            fields={"bases": [_("缺少违法依据或处罚依据。")]},
        )
    if not bases:
        raise InvalidInput(_("请至少填写一条执法依据。"), fields={"bases": [_("必填。")]})


def _write_bases(matter: Matter, bases: list[BasisSpec]) -> None:
    matter.bases.all().delete()
    unique = list(dict.fromkeys(bases))  # the same citation twice is one basis
    LegalBasis.objects.bulk_create(
        [LegalBasis(matter=matter, article=b.article, role=b.role, paragraph=b.paragraph, item=b.item) for b in unique]
    )


@transaction.atomic
def create_matter(
    *,
    by: Any | None,
    code: str,
    name: str,
    kind: str,
    domain: Domain,
    bases: Iterable[BasisSpec],
    region: Region | None = None,
    aliases: Iterable[str] = (),
    effective_from: dt.date | None = None,
) -> Matter:
    matter = Matter(
        code=code.strip(),
        name=name.strip(),
        kind=kind,
        domain=domain,
        region=region,
        aliases=join_aliases(aliases),
        effective_from=effective_from,
    )
    if by is not None:
        require(by, MANAGE_LAWBASE, matter)
    spec = list(bases)
    _check_bases(kind, spec)
    validate(matter)
    with integrity_as_invalid(_("事项编码已存在。")):
        matter.save()
    _write_bases(matter, spec)
    audit(
        MATTER_CREATED,
        by=by,
        obj=matter,
        changes={"new": snapshot(matter, ["code", *MATTER_FIELDS]), "bases": _basis_snapshot(matter)},
    )
    search_index.index_matters([matter])
    return matter


@transaction.atomic
def update_matter(
    matter: Matter,
    *,
    by: Any | None,
    expected_version: int | None,
    bases: Iterable[BasisSpec] | None = None,
    **changes: Any,
) -> Matter:
    unknown = set(changes) - set(MATTER_FIELDS)
    if unknown:
        raise InvalidInput(_("不能修改这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if by is not None:
        require(by, MANAGE_LAWBASE, matter)
    before, before_bases = snapshot(matter, MATTER_FIELDS), _basis_snapshot(matter)
    if "aliases" in changes:
        changes["aliases"] = join_aliases(changes["aliases"])
    for name, value in changes.items():
        setattr(matter, name, value)
    if by is not None:
        require(by, MANAGE_LAWBASE, matter)
    spec = list(bases) if bases is not None else None
    if spec is not None:
        _check_bases(matter.kind, spec)
    validate(matter)
    delta = diff(before, snapshot(matter, MATTER_FIELDS))
    wanted_bases = sorted(f"{b.role}:{b.article.cite(b.paragraph, b.item)}" for b in spec) if spec is not None else None
    bases_change = wanted_bases is not None and wanted_bases != before_bases
    if not delta["new"] and not bases_change:
        return matter
    update_versioned(matter, expected_version=expected_version, values={n: getattr(matter, n) for n in changes})
    if spec is not None and bases_change:
        _write_bases(matter, spec)
        delta["old"]["bases"], delta["new"]["bases"] = before_bases, _basis_snapshot(matter)
    audit(MATTER_CHANGED, by=by, obj=matter, changes=delta)
    search_index.index_matters([matter])
    return matter


@transaction.atomic
def save_catalogue(*, by: Any | None, name: str, kind: str, region: Region, document_no: str = "") -> MatterCatalogue:
    catalogue = MatterCatalogue.objects.filter(name=name).first() or MatterCatalogue(name=name)
    catalogue.kind, catalogue.region, catalogue.document_no = kind, region, document_no
    if kind not in CatalogueKind.values:
        raise InvalidInput(_("未知的目录类别。"), fields={"kind": [_("不是允许的取值。")]})
    if by is not None:
        require(by, MANAGE_LAWBASE, catalogue)
    validate(catalogue)
    catalogue.save()
    audit(CATALOGUE_SAVED, by=by, obj=catalogue, changes={"kind": kind, "region": region.code})
    return catalogue


@transaction.atomic
def set_catalogue_matters(catalogue: MatterCatalogue, *, by: Any | None, matters: Iterable[Matter]) -> MatterCatalogue:
    if by is not None:
        require(by, MANAGE_LAWBASE, catalogue)
    wanted = {m.pk: m for m in matters}
    current = set(catalogue.entries.values_list("matter_id", flat=True))
    added, removed = set(wanted) - current, current - set(wanted)
    if not added and not removed:
        return catalogue
    CatalogueEntry.objects.filter(catalogue=catalogue, matter_id__in=removed).delete()
    CatalogueEntry.objects.bulk_create([CatalogueEntry(catalogue=catalogue, matter_id=pk) for pk in sorted(added)])
    audit(CATALOGUE_ENTRIES_CHANGED, by=by, obj=catalogue, changes={"added": len(added), "removed": len(removed)})
    return catalogue


@transaction.atomic
def assign_matter(
    *,
    by: Any | None,
    agency: Agency,
    matter: Matter,
    source: str = HoldingSource.OWN,
    decision_reference: str = "",
    effective_from: dt.date | None = None,
    effective_to: dt.date | None = None,
) -> AgencyMatter:
    """Let an agency exercise a matter. A township or street office may exercise county powers
    only under a published provincial devolution decision (行政处罚法 第二十四条, rule LP-22)."""
    holding = AgencyMatter.objects.filter(agency=agency, matter=matter).first() or AgencyMatter(
        agency=agency, matter=matter
    )
    holding.source, holding.decision_reference = source, decision_reference.strip()
    holding.effective_from, holding.effective_to = effective_from, effective_to
    if by is not None:
        require(by, ASSIGN_MATTER, holding)
    township = agency.region.level == RegionLevel.TOWNSHIP and source != HoldingSource.ENTRUSTED
    if township and (source != HoldingSource.DEVOLVED or not holding.decision_reference):
        raise RuleViolation(
            _("乡镇（街道）行使县级执法权，须依据省级赋权决定并写明决定文件。"),
            rule="LP-22",
            citation=DEVOLUTION_CITATION,
            fields={"decision_reference": [_("请填写赋权决定。")]},
        )
    if source in {HoldingSource.DEVOLVED, HoldingSource.ENTRUSTED} and not holding.decision_reference:
        raise InvalidInput(_("赋权或委托须写明依据文件。"), fields={"decision_reference": [_("必填。")]})
    validate(holding)
    holding.save()
    audit(MATTER_ASSIGNED, by=by, obj=holding, changes={"source": source, "decision": holding.decision_reference})
    return holding


@transaction.atomic
def unassign_matter(holding: AgencyMatter, *, by: Any | None, on: dt.date | None = None) -> AgencyMatter:
    """The agency stops exercising the matter after `on` (today when not given). The holding is kept
    with its end date, so that the cases opened under it still show on what power they rest; from the
    next day on no new case can be opened on it (rule LP-22)."""
    if by is not None:
        require(by, ASSIGN_MATTER, holding)
    ended = on or timezone.localdate()
    if holding.effective_from is not None and ended < holding.effective_from:
        raise InvalidInput(
            _("终止日期不能早于起始日期（%(start)s）。") % {"start": f"{holding.effective_from:%Y-%m-%d}"},
            fields={"effective_to": [_("早于起始日期。")]},
        )
    if holding.effective_to is not None and holding.effective_to <= ended:
        return holding  # already ended by then
    before = holding.effective_to
    AgencyMatter.objects.filter(pk=holding.pk).update(effective_to=ended)
    holding.effective_to = ended
    audit(
        MATTER_UNASSIGNED,
        by=by,
        obj=holding,
        changes={
            "agency": holding.agency_id,
            "matter": holding.matter_id,
            "old": {"effective_to": before.isoformat() if before else None},
            "new": {"effective_to": ended.isoformat()},
        },
    )
    return holding
