"""The legal rules of the case engine, one module per group of LEGAL-RULES.md."""

from zhifa.cases.rules import (  # noqa: F401  (each module registers its rules)
    a_jurisdiction,
    b_investigation,
    c_substance,
    d_notice,
    dc_time,
    e_decision,
    f_summary,
    g_payment,
    i_enforcement,
    j_remedies,
    l_referral,
)
from zhifa.cases.rules.base import REGISTRY, Context, Finding, Rule, RuleKind, enforce, evaluate

__all__ = ["REGISTRY", "Context", "Finding", "Rule", "RuleKind", "enforce", "evaluate"]
