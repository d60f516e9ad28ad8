"""Coverage of LEGAL-RULES.md, read off the code: every rule of the groups this engine covers
(§2 DC-1 … DC-6, §3 groups A–G, I, J and L) is declared in the rules registry with its citation
and kind, every rule that refuses or warns has a predicate, and some scenario test is named after
it (LP-33a → test_LP_33a_…)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from zhifa.cases.rules import REGISTRY, RuleKind

LEGAL_RULES = Path(__file__).resolve().parents[3] / "shared" / "LEGAL-RULES.md"
SCENARIOS = Path(__file__).resolve().parent
GROUPS = {"A", "B", "C", "D", "E", "F", "G", "I", "J", "L"}
ROW = re.compile(r"^\| ([A-Z]{2}-\d+[a-z]?) \|(.*)$")


def _legal_rules() -> dict[str, tuple[str, str]]:
    """Rule id → (group, the row's text), for DC-1 … DC-6 and the rule groups in scope."""
    if not LEGAL_RULES.is_file():
        pytest.skip(f"{LEGAL_RULES} not present")
    rules: dict[str, tuple[str, str]] = {}
    group = ""
    for line in LEGAL_RULES.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^#{2,3} (?:([A-L])\. |\d+\. )", line)
        if heading:
            group = heading.group(1) or ""
            continue
        row = ROW.match(line)
        if row is None:
            continue
        rule_id = row.group(1)
        if rule_id.startswith("DC-") or group in GROUPS:
            rules[rule_id] = (rule_id.split("-")[0] if rule_id.startswith("DC-") else group, row.group(2))
    return rules


def _scenario_test_names() -> set[str]:
    names = set()
    for path in SCENARIOS.glob("test_*.py"):
        if path.name == Path(__file__).name:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}
    return names


def _covers(rule_id: str, names: set[str]) -> bool:
    """A test named test_LP_33a_… (or …_LP_33a_…) covers LP-33a, but test_LP_33_… does not."""
    token = rule_id.replace("-", "_")
    pattern = re.compile(rf"(?:^|_){re.escape(token)}(?:_|$)")
    return any(pattern.search(name.removeprefix("test")) for name in names)


def test_legal_rules_lists_the_rules_of_every_group_in_scope():
    rules = _legal_rules()
    groups = {group for group, _row in rules.values()}
    assert groups == GROUPS | {"DC"}
    assert {f"DC-{n}" for n in range(1, 7)} <= set(rules)
    assert len(rules) >= 60  # 69 when written


def test_every_rule_in_scope_is_declared_with_its_citation_and_kind():
    missing = [rule_id for rule_id in _legal_rules() if rule_id not in REGISTRY]
    assert missing == []
    for rule_id, (group, _row) in _legal_rules().items():
        declared = [r for r in REGISTRY if r.id == rule_id]
        assert {r.group for r in declared} == {group}, rule_id
        for rule in declared:
            assert rule.citation.startswith("《"), (rule_id, rule.citation)
            assert "第" in rule.citation, (rule_id, rule.citation)
            assert rule.kind in set(RuleKind), rule_id


def test_every_rule_that_refuses_or_warns_has_a_predicate_bound_to_a_step():
    checking = {RuleKind.BLOCK, RuleKind.REQUIRE, RuleKind.WARN}
    in_scope = {rule_id for rule_id in _legal_rules() if not rule_id.startswith("DC-")}
    without = sorted(
        rule_id
        for rule_id in in_scope
        if any(r.kind in checking for r in REGISTRY if r.id == rule_id)
        and not any(r.check is not None and r.steps for r in REGISTRY if r.id == rule_id)
    )
    assert without == []


def test_every_rule_in_scope_has_a_scenario_test_named_after_it():
    names = _scenario_test_names()
    uncovered = [rule_id for rule_id in _legal_rules() if not _covers(rule_id, names)]
    assert uncovered == []


def test_the_coverage_check_tells_a_rule_from_its_lettered_siblings():
    names = {"test_LP_33a_minor_corrected_no_harm_refuses_a_fine"}
    assert _covers("LP-33a", names)
    assert not _covers("LP-33", names)
    assert not _covers("LP-33b", names)
    assert not _covers("LP-3", names)
