"""Masking personal data wherever it leaves the staff system (disclosure, public pages, exports).

The default profile follows LEGAL-RULES K (ZJ-7, backed by 个人信息保护法 第六、二十八、三十四条
and 市场监督管理行政处罚信息公示规定 第六条): hide a natural person's ID number, contact
details, home address, bank accounts and health data; mask the names of natural persons.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stdnum.cn import ric

MASK = "*"
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")
BANK_CARD = re.compile(r"(?<!\d)\d{16,19}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_DIVISION = re.compile(r"^(.{0,8}?(?:省|自治区))?(.{0,10}?(?:市|自治州|地区|盟))?(.{0,10}?(?:区|县|市|旗))?")


def mask_id_number(number: str, *, keep_start: int = 2, keep_end: int = 2) -> str:
    """330106199001011234 → 33**************34 (published); staff lists may keep 6 and 4."""
    number = number.strip()
    if len(number) <= keep_start + keep_end:
        return MASK * len(number)
    return number[:keep_start] + MASK * (len(number) - keep_start - keep_end) + number[len(number) - keep_end :]


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678; landlines keep the area code."""
    digits = phone.strip()
    if MOBILE.fullmatch(digits):
        return digits[:3] + MASK * 4 + digits[7:]
    if "-" in digits:
        area, _, rest = digits.partition("-")
        return f"{area}-{MASK * len(rest)}"
    return MASK * len(digits)


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***: the surname's first character stays."""
    name = name.strip()
    return name[:1] + MASK * max(1, len(name) - 1) if name else name


def mask_address(address: str) -> str:
    """Keep the administrative divisions down to the county: 浙江省杭州市西湖区***."""
    match = _DIVISION.match(address.strip())
    kept = match.group(0) if match else ""
    return f"{kept}{MASK * 3}" if kept else MASK * 3


def mask_email(email: str) -> str:
    """The mailbox hidden, the domain kept: ***@example.com."""
    return MASK * 3 + email[email.find("@") :] if "@" in email else MASK * 3


def mask_bank_account(account: str) -> str:
    digits = re.sub(r"\s", "", account)
    return digits[:4] + MASK * max(0, len(digits) - 8) + digits[-4:] if len(digits) > 8 else MASK * len(digits)


@dataclass(frozen=True)
class Finding:
    kind: str  # id_number, mobile, landline, bank_account, email
    start: int
    end: int
    text: str


def find_personal_data(text: str) -> list[Finding]:
    """Identifiers in free text that must not be published unmasked (rule PI-6)."""
    findings = [
        Finding("id_number", m.start(), m.end(), m.group()) for m in ID_NUMBER.finditer(text) if ric.is_valid(m.group())
    ]
    taken = {(f.start, f.end) for f in findings}
    for kind, pattern in (("mobile", MOBILE), ("landline", LANDLINE), ("bank_account", BANK_CARD), ("email", EMAIL)):
        for match in pattern.finditer(text):
            overlaps = any(start <= match.start() < end for start, end in taken)
            if not overlaps:
                findings.append(Finding(kind, match.start(), match.end(), match.group()))
                taken.add((match.start(), match.end()))
    return sorted(findings, key=lambda f: f.start)


def redact(text: str) -> str:
    """Mask every identifier `find_personal_data` finds, leaving the rest of the text as it is."""
    maskers: dict[str, Callable[[str], str]] = {
        "id_number": mask_id_number,
        "mobile": mask_phone,
        "landline": mask_phone,
        "bank_account": mask_bank_account,
        "email": mask_email,
    }
    result, last = [], 0
    for finding in find_personal_data(text):
        result.append(text[last : finding.start])
        result.append(maskers[finding.kind](finding.text))
        last = finding.end
    result.append(text[last:])
    return "".join(result)


def public_view(party: Any) -> dict[str, str]:
    """What of a party may be published: an organisation's name, code and representative;
    a person's masked name only."""
    if party.is_individual:
        return {"name": mask_name(party.name), "id_number": "", "address": ""}
    return {
        "name": party.name,
        "id_number": party.id_number,
        "legal_representative": party.legal_representative,
        "address": "",
    }


def masked_party(fields: dict[str, Any], *, individual: bool) -> dict[str, Any]:
    """The fields of a party as they leave the staff system for someone without the unmasked
    permission (API output, exports), by the default profile (ZJ-7): a person's name, ID number,
    birth date, contact details and addresses are masked; an organisation keeps its name, code and
    representative (all public in its registration) and has its contact details masked."""
    out = dict(fields)
    if out.get("phone"):
        out["phone"] = mask_phone(out["phone"])
    if out.get("email"):
        out["email"] = mask_email(out["email"])
    if not individual:
        return out
    if out.get("name"):
        out["name"] = mask_name(out["name"])
    if out.get("id_number"):
        out["id_number"] = mask_id_number(out["id_number"])
    if "birth_date" in out:
        out["birth_date"] = None
    if isinstance(out.get("addresses"), dict):
        out["addresses"] = {kind: mask_address(text) for kind, text in out["addresses"].items()}
    if out.get("address"):
        out["address"] = mask_address(out["address"])
    return out
