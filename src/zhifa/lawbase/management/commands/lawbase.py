from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhifa.core import context
from zhifa.core.errors import DomainError
from zhifa.core.progress import progress_bar
from zhifa.core.table_command import add_import_arguments, run_import
from zhifa.core.tabular import write_rows
from zhifa.lawbase.actions import search_index
from zhifa.lawbase.actions.imports import import_benchmarks, import_matters
from zhifa.lawbase.actions.laws import import_laws
from zhifa.lawbase.actions.synonyms import load_default_synonyms, remove_synonym, save_synonym
from zhifa.lawbase.choices import LawLevel
from zhifa.lawbase.law_data import iter_laws
from zhifa.lawbase.models import Article, DiscretionBenchmark, Matter, SearchKind, SearchSynonym
from zhifa.lawbase.search.query import Filters, search
from zhifa.lawbase.selectors import region_path_of
from zhifa.lawbase.statute.coverage import coverage, report_text
from zhifa.lawbase.tables import BENCHMARK_TABLE, MATTER_TABLE, benchmark_rows, matter_rows


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("须为正整数")
    return number


class Command(BaseCommand):
    help = "执法要素：法律法规库、执法事项、裁量基准的导入导出 / the element centre's law base, matters and benchmarks"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        laws = sub.add_parser("import", help="导入随软件发布的法律法规库（可重复运行）")
        laws.add_argument("--quiet", action="store_true")
        sub.add_parser("coverage", help="罚则解析覆盖率（按提到罚款的条文统计）")
        search = sub.add_parser("search", help="在线找法：按描述或条文检索法律法规、条款、执法事项、裁量基准和典型案例")
        search.add_argument("query", help="如：店门口摆摊卖水果、行政处罚法第三十二条")
        search.add_argument("--limit", type=_positive, default=10, help="返回条数（默认 10）")
        search.add_argument("--json", action="store_true", help="以 JSON 列表输出")
        search.add_argument("--kind", choices=SearchKind.values, action="append", help="只检索某类（可重复）")
        search.add_argument("--in-force", action="store_true", help="只看现行有效的")
        search.add_argument("--repealed", action="store_true", help="只看已废止或失效的")
        search.add_argument("--level", choices=LawLevel.values, help="效力层级")
        search.add_argument("--domain", help="执法领域代码，如 urban_management")
        search.add_argument("--region", help="区划代码：只看全国性的和该地区及其上级地区的，如 330106")
        evaluate = sub.add_parser("evaluate", help="在线找法质量：按评测集计算 hit@1、hit@5")
        evaluate.add_argument("--misses", action="store_true", help="同时列出未命中的查询")
        evaluate.add_argument(
            "--set", choices=["main", "heldout"], default="main", help="评测集：main（默认）或 heldout（留出集）"
        )
        evaluate.add_argument("--no-synonyms", action="store_true", help="不用同义词检索，看同义词表带来多少")
        synonym = sub.add_parser("synonym", help="在线找法的同义词表：俗称及其对应的法定表述")
        synonym_sub = synonym.add_subparsers(dest="synonym_command", required=True)
        add = synonym_sub.add_parser("add", help="新增或修改一个同义词（检索立即生效）")
        add.add_argument("term", help="俗称，如：练摊")
        add.add_argument("means", help="法定表述，词间用空格，如：设摊经营 兜售物品")
        add.add_argument("--note", default="", help="说明")
        remove = synonym_sub.add_parser("remove", help="删除一个同义词")
        remove.add_argument("term")
        listing = synonym_sub.add_parser("list", help="列出同义词")
        listing.add_argument("--json", action="store_true", help="以 JSON 列表输出")
        reindex = sub.add_parser("reindex", help="重建检索索引（默认只补建缺失的条目）")
        which = reindex.add_mutually_exclusive_group()
        which.add_argument("--all", action="store_true", help="全部重建")
        which.add_argument(
            "--due", action="store_true", help="重写今天生效或失效的执法事项和裁量基准（定时任务每日运行）"
        )
        for name, label in (("matters", "执法事项"), ("benchmarks", "裁量基准")):
            add_import_arguments(sub.add_parser(f"import-{name}", help=f"从 .xlsx/.csv 导入{label}"))
            export = sub.add_parser(f"export-{name}", help=f"把{label}导出为 .xlsx/.csv（可再导入）")
            export.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        command = options["subcommand"]
        if command == "import":
            self._import_laws(options)
        elif command == "coverage":
            articles = Article.objects.select_related("law").filter(text__contains="罚款")
            self.stdout.write(report_text(coverage((a.law.title, a.number, a.text) for a in articles.iterator())))
        elif command == "search":
            self._search(options)
        elif command == "evaluate":
            from zhifa.lawbase.search.evaluation import SETS, evaluate_suggest, load_pairs
            from zhifa.lawbase.search.evaluation import evaluate as run_evaluation

            pairs = load_pairs(SETS[options["set"]])
            lines = run_evaluation(pairs, synonyms=not options["no_synonyms"]).lines()
            lines[0] += f" set={options['set']}" + (" synonyms=off" if options["no_synonyms"] else "")
            if not options["no_synonyms"]:
                suggested = evaluate_suggest(pairs)
                lines.insert(
                    1, f"  suggest   n={suggested.n:<4} hit@1={suggested.hit_at_1:.3f} hit@5={suggested.hit_at_5:.3f}"
                )
            shown = lines if options["misses"] else [line for line in lines if not line.lstrip().startswith("MISS")]
            self.stdout.write("\n".join(shown))
        elif command == "synonym":
            self._synonym(options)
        elif command == "reindex" and options["due"]:
            count = search_index.refresh_in_force()
            self.stdout.write(f"检索索引：生效或失效状态已更新 {count} 项")
        elif command == "reindex":
            count = search_index.rebuild() if options["all"] else search_index.index_missing()
            self.stdout.write(f"检索索引：写入 {count} 条")
        elif command == "import-matters":
            run_import(MATTER_TABLE, options, self.stdout, import_matters)
        elif command == "import-benchmarks":
            run_import(BENCHMARK_TABLE, options, self.stdout, import_benchmarks)
        elif command == "export-matters":
            count = write_rows(MATTER_TABLE, matter_rows(Matter.objects.order_by("code")), Path(options["file"]))
            self.stdout.write(f"导出执法事项 {count} 项到 {options['file']}")
        elif command == "export-benchmarks":
            rows = benchmark_rows(DiscretionBenchmark.objects.order_by("matter__code", "effective_from"))
            count = write_rows(BENCHMARK_TABLE, rows, Path(options["file"]))
            self.stdout.write(f"导出裁量档次 {count} 行到 {options['file']}")

    def _search(self, options: dict[str, Any]) -> None:
        if options["in_force"] and options["repealed"]:
            raise CommandError("--in-force 和 --repealed 只能选一个")
        region_path = ""
        if options["region"]:
            region_path = region_path_of(options["region"])
            if not region_path:
                raise CommandError(f"没有这个区划代码：{options['region']}")
        filters = Filters(
            kinds=tuple(options["kind"] or ()),
            level=options["level"] or "",
            in_force=True if options["in_force"] else (False if options["repealed"] else None),
            domain=options["domain"] or "",
            region_path=region_path,
        )
        hits = search(options["query"], filters=filters, limit=options["limit"])
        if options["json"]:
            self.stdout.write(json.dumps([h.as_json() for h in hits], ensure_ascii=False, indent=2))
            return
        if not hits:
            self.stdout.write("没有找到相关结果。")
        for rank, hit in enumerate(hits, start=1):
            code = f" [{hit.matter_code}]" if hit.matter_code else ""
            self.stdout.write(f"{rank:>2}. {hit.title}{code}  ({hit.score:.2f})\n    {hit.snippet}")

    def _synonym(self, options: dict[str, Any]) -> None:
        action = options["synonym_command"]
        if action == "list":
            rows = [{"term": s.term, "means": s.means, "note": s.note} for s in SearchSynonym.objects.order_by("term")]
            if options["json"]:
                self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            else:
                self.stdout.write("\n".join(f"{r['term']}\t→ {r['means']}" for r in rows))
            return
        with context.fresh("cli"):
            if action == "add":
                try:
                    saved = save_synonym(by=None, term=options["term"], means=options["means"], note=options["note"])
                except DomainError as error:
                    raise CommandError(error.message) from error
                self.stdout.write(f"已保存同义词：{saved.term} → {saved.means}")
                return
            found = SearchSynonym.objects.filter(term=options["term"]).first()
            if found is None:
                raise CommandError(f"没有这个同义词：{options['term']}")
            remove_synonym(found, by=None)
            self.stdout.write(f"已删除同义词：{found.term}")

    def _import_laws(self, options: dict[str, Any]) -> None:
        total = sum(1 for _ in iter_laws())
        show = not options["quiet"] and sys.stdout.isatty()
        with context.fresh("cli"):
            with progress_bar("导入法律法规", total, enabled=show) as tick:
                summary = import_laws(by=None, records=iter_laws(), on_progress=tick)
            self.stdout.write(
                f"法律法规：新增 {summary.created}，更新 {summary.updated}，未变 {summary.unchanged}；"
                f"写入条文 {summary.articles}，法定罚则 {summary.penalties}"
            )
            synonyms = load_default_synonyms(by=None)
            indexed = search_index.index_missing()
        self.stdout.write(f"在线找法：新增同义词 {synonyms} 条，补建检索条目 {indexed} 条")
