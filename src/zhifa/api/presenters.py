"""Model → output dict, explicitly, field by field."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhifa.orgs.models import Agency, ApiToken, Credential, Domain, Officer, Region, Team


def region_out(region: Region) -> dict[str, Any]:
    parent_code = region.path.strip("/").split("/")[-2] if region.parent_id else None
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "parent_code": parent_code,
        "path": region.path,
    }


def domain_out(domain: Domain) -> dict[str, Any]:
    return {"code": domain.code, "name": domain.name}


def agency_out(agency: Agency) -> dict[str, Any]:
    return {
        "id": agency.pk,
        "name": agency.name,
        "credit_code": agency.credit_code,
        "region": region_out(agency.region),
        "domain": domain_out(agency.domain),
        "legal_status": agency.legal_status,
        "legal_status_label": agency.get_legal_status_display(),
        "entrusted_by": {"id": agency.entrusted_by.pk, "name": agency.entrusted_by.name}
        if agency.entrusted_by
        else None,
        "is_active": agency.is_active,
        "version": agency.version,
    }


def team_out(team: Team) -> dict[str, Any]:
    return {
        "id": team.pk,
        "agency_id": team.agency_id,
        "name": team.name,
        "is_active": team.is_active,
        "version": team.version,
    }


def credential_out(credential: Credential) -> dict[str, Any]:
    return {
        "id": credential.pk,
        "number": credential.number,
        "domain": domain_out(credential.domain),
        "valid_from": credential.valid_from,
        "valid_to": credential.valid_to,
        "revoked_at": credential.revoked_at,
        "valid_today": credential.is_valid_on(timezone.localdate()),
    }


def officer_out(officer: Officer) -> dict[str, Any]:
    return {
        "id": officer.pk,
        "username": officer.user.username,
        "full_name": officer.user.full_name,
        "agency": {"id": officer.agency.pk, "name": officer.agency.name},
        "team": {"id": officer.team.pk, "name": officer.team.name} if officer.team else None,
        "roles": sorted(officer.roles),
        "is_active": officer.is_active,
        "version": officer.version,
        "credentials": [credential_out(c) for c in officer.credentials.all()],
    }


def token_out(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }


def law_out(law: Any, article_count: int) -> dict[str, Any]:
    return {
        "id": law.pk,
        "title": law.title,
        "short_title": law.short_title,
        "level": law.level,
        "level_label": law.get_level_display(),
        "status": law.status,
        "promulgated": law.promulgated,
        "effective": law.effective,
        "article_count": article_count,
    }


def article_out(article: Any) -> dict[str, Any]:
    from zhifa.lawbase.views.laws import penalty_summary

    return {
        "law_id": article.law_id,
        "law_title": article.law.title,
        "num": article.num,
        "number": article.number,
        "chapter": article.chapter,
        "text": article.text,
        "paragraphs": article.paragraphs,
        "url": article.get_absolute_url(),
        "statutory_penalties": [
            {
                "paragraph": p.paragraph,
                "item": p.item,
                "kind": p.kind,
                "base": p.base,
                "base_label": p.base_label,
                "minimum": p.minimum,
                "maximum": p.maximum,
                "party": p.party,
                "condition": p.condition,
                "optional": p.optional,
                "summary": penalty_summary(p),
            }
            for p in article.statutory_penalties.all()
        ],
    }


def matter_out(matter: Any) -> dict[str, Any]:
    return {
        "id": matter.pk,
        "code": matter.code,
        "name": matter.name,
        "kind": matter.kind,
        "domain": matter.domain.code,
        "region": matter.region.code if matter.region else None,
        "status": matter.status,
        "aliases": matter.alias_list,
        "version": matter.version,
        "bases": [
            {
                "role": b.role,
                "citation": b.citation,
                "law_id": b.article.law_id,
                "article": b.article.num,
                "paragraph": b.paragraph,
                "item": b.item,
            }
            for b in matter.bases.all()
        ],
    }


def benchmark_out(benchmark: Any) -> dict[str, Any]:
    from zhifa.lawbase.money import fine_range

    return {
        "id": benchmark.pk,
        "matter_code": benchmark.matter.code,
        "title": benchmark.title,
        "issuer": benchmark.issuer,
        "document_no": benchmark.document_no,
        "region": benchmark.region.code,
        "status": benchmark.status,
        "effective_from": benchmark.effective_from,
        "effective_to": benchmark.effective_to,
        "first_offence_waiver": benchmark.first_offence_waiver,
        "levels": [
            {
                "order": level.order,
                "grade": level.grade,
                "grade_label": level.get_grade_display(),
                "circumstances": level.circumstances,
                "party": level.party,
                "fine_base": level.fine_base,
                "fine_min": level.fine_min,
                "fine_max": level.fine_max,
                "fine_text": fine_range(level.fine_base, level.fine_min, level.fine_max) if level.has_fine else "",
                "other_penalties": level.other_penalties,
            }
            for level in benchmark.levels.all()
        ],
    }


def party_out(party: Any, *, unmasked: bool = False) -> dict[str, Any]:
    """A party as the API gives it: masked (parties.masking.masked_party) unless the caller holds
    the explicit unmasked permission."""
    from zhifa.parties.masking import masked_party

    out = {
        "id": party.pk,
        "kind": party.kind,
        "name": party.name,
        "id_type": party.id_type,
        "id_number": party.id_number,
        "birth_date": party.birth_date,
        "legal_representative": party.legal_representative,
        "phone": party.phone,
        "email": party.email,
        "region": party.region.code if party.region else None,
        "credit_grade": party.credit_grade,
        "merged_into": party.merged_into_id,
        "addresses": {a.kind: a.text for a in party.addresses.all()},
        "version": party.version,
    }
    return out if unmasked else masked_party(out, individual=party.is_individual)


def report_out(report: Any) -> dict[str, Any]:
    return {
        "mode": report.mode,
        "written": report.written,
        "created": report.created,
        "updated": report.updated,
        "skipped": report.skipped,
        "errors": [{"row": e.row, "column": e.column, "message": e.message, "text": str(e)} for e in report.errors],
    }


def candidate_out(candidate: Any) -> dict[str, Any]:
    from zhifa.lawbase.views.laws import penalty_summary

    return {
        "matter": matter_out(candidate.matter),
        "score": round(candidate.score, 4),
        "violated": [b.citation for b in candidate.violated],
        "penalty": [b.citation for b in candidate.penalty],
        "statutory_limits": list(
            dict.fromkeys(f"{basis.citation}：{penalty_summary(p)}" for basis, ps in candidate.limits for p in ps)
        ),
        "benchmark": benchmark_out(candidate.benchmark) if candidate.benchmark else None,
    }


def advice_out(advice: Any) -> dict[str, Any]:
    return {
        "matter_code": advice.matter.code,
        "outcome": advice.outcome,
        "benchmark_id": advice.benchmark.pk if advice.benchmark else None,
        "grade": advice.grade,
        "level_order": advice.level.order if advice.level else None,
        "fine_min": advice.fine_min,
        "fine_max": advice.fine_max,
        "range_text": advice.range_text,
        "mitigation": advice.mitigation,
        "confiscate_gains": advice.confiscate_gains,
        "other_penalties": advice.other_penalties,
        "reasons": [{"text": r.text, "source": r.source} for r in advice.reasons],
    }
