#!/usr/bin/env python3
"""The architecture rules of STYLE.md that a tool can check, over src/zhifa.

  ZA001  a domain write (save, delete, create, update, bulk_*) outside an actions module
  ZA002  an unscoped query in a view or the API (X.objects.<anything but restrict>, get_object_or_404)
  ZA003  `status` assigned outside cases/actions
  ZA004  a role compared outside orgs/policy.py (roles are the policy's business alone)

A line may opt out with `# archlint: allow ZA00N <reason>`; the reason is required.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src" / "zhifa"
WRITE_METHODS = {"save", "delete", "bulk_create", "bulk_update", "update_or_create", "get_or_create", "create"} | {
    "update"
}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}
# These need a queryset-looking receiver, or `dict.update()` would be a finding.
QUERYSET_ONLY = {"create", "update", "get_or_create", "update_or_create", "delete"}
QUERYSET_HINTS = {"objects", "filter", "exclude", "all", "select_for_update", "restrict", "_default_manager"}
WRITERS = ("/actions/", "/migrations/")
WRITER_FILES = {"core/audit/chain.py", "core/locking.py"}
ALLOW = re.compile(r"#\s*archlint:\s*allow\s+(ZA\d{3})\s+\S")


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT.parent.parent)}:{self.line}: {self.rule} {self.message}"


def _receiver_names(node: ast.AST) -> set[str]:
    names: set[str] = set()
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            if isinstance(node, ast.Name):
                names.add(node.id)
            return names


def _is_view_or_api(rel: str) -> bool:
    return rel.startswith("api/") or "/views/" in rel or rel.endswith("/views.py")


def _is_writer(rel: str) -> bool:
    return any(part in f"/{rel}" for part in WRITERS) or rel.endswith("/actions.py") or rel in WRITER_FILES


def _writes(node: ast.AST, rel: str, path: Path, writer: bool) -> Iterator[Finding]:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return
    method = node.func.attr
    receivers = _receiver_names(node.func.value)
    queryset_like = method not in QUERYSET_ONLY or bool(receivers & QUERYSET_HINTS)
    if not writer and method in WRITE_METHODS and queryset_like:
        yield Finding(path, node.lineno, "ZA001", f".{method}() writes outside an actions module")
    sets_status = any(keyword.arg == "status" for keyword in node.keywords)
    if method == "update" and sets_status and not rel.startswith("cases/actions/"):
        yield Finding(path, node.lineno, "ZA003", "status changed outside cases/actions")


def _unscoped(node: ast.AST, path: Path) -> Iterator[Finding]:
    is_manager = isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager"}
    if is_manager and getattr(node, "_zhifa_parent_attr", None) != "restrict":
        message = "unscoped query: use Model.objects.restrict(user, perm) or a selector"
        yield Finding(path, node.lineno, "ZA002", message)  # type: ignore[attr-defined]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SHORTCUTS:
        yield Finding(path, node.lineno, "ZA002", f"{node.func.id} bypasses the jurisdiction: use fetch_for()")


def _status_assigned(node: ast.AST, rel: str, path: Path) -> Iterator[Finding]:
    if not isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign) or rel.startswith("cases/actions/"):
        return
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if any(isinstance(target, ast.Attribute) and target.attr == "status" for target in targets):
        yield Finding(path, node.lineno, "ZA003", "status assigned outside cases/actions")


def _is_role(operand: ast.AST) -> bool:
    return isinstance(operand, ast.Attribute) and isinstance(operand.value, ast.Name) and operand.value.id == "Role"


def _role_compared(node: ast.AST, rel: str, path: Path) -> Iterator[Finding]:
    if not isinstance(node, ast.Compare) or rel in {"orgs/policy.py", "orgs/choices.py"}:
        return
    if any(_is_role(operand) for operand in [node.left, *node.comparators]):
        yield Finding(path, node.lineno, "ZA004", "role compared outside orgs/policy.py")


def _check_node(node: ast.AST, rel: str, path: Path, writer: bool, scoped_only: bool) -> Iterator[Finding]:
    yield from _writes(node, rel, path, writer)
    if scoped_only:
        yield from _unscoped(node, path)
    yield from _status_assigned(node, rel, path)
    yield from _role_compared(node, rel, path)


def _mark_parents(tree: ast.AST) -> None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
            node.value._zhifa_parent_attr = node.attr  # type: ignore[attr-defined]


def scan_source(rel: str, source: str, path: Path | None = None) -> list[Finding]:
    """Findings of one module; `rel` is its path under src/zhifa (it decides which rules apply)."""
    path = path or ROOT / rel
    tree = ast.parse(source)
    _mark_parents(tree)
    lines = source.splitlines()
    writer, scoped_only = _is_writer(rel), _is_view_or_api(rel)
    found = []
    for node in ast.walk(tree):
        for finding in _check_node(node, rel, path, writer, scoped_only):
            allowed = ALLOW.search(lines[finding.line - 1])
            if not (allowed and allowed.group(1) == finding.rule):
                found.append(finding)
    return found


def main() -> int:
    findings: list[Finding] = []
    for path in sorted(ROOT.rglob("*.py")):
        findings.extend(scan_source(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"), path))
    for finding in findings:
        print(finding)
    if findings:
        print(f"archlint: {len(findings)} finding(s)")
        return 1
    print("archlint: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
