"""Synthetic demo parties: identity numbers are generated with valid check digits for the demo
district (330106 exists since 1983, so nobody is born earlier) and do not belong to anyone."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from stdnum.cn import ric, uscc

from zhifa.core.demo import DemoReport
from zhifa.orgs.models import Region
from zhifa.parties.actions.parties import create_party
from zhifa.parties.choices import AddressKind, PartyKind
from zhifa.parties.models import Party

AREA = "330106"


def resident_id(birth: dt.date, sequence: int) -> str:
    body = f"{AREA}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


def credit_code(serial: str) -> str:
    body = f"92{AREA}{serial}"[:17]
    return body + uscc.calc_check_digit(body)


def _people(today: dt.date) -> list[dict[str, object]]:
    def born(years: int, days: int = 0) -> dt.date:
        return today.replace(year=today.year - years) - dt.timedelta(days=days)

    return [
        {
            "name": "王小明",
            "birth": born(42, 30),
            "seq": 311,
            "phone": "13800001111",
            "address": "浙江省杭州市西湖区转塘街道演示路1号",
        },
        {
            "name": "李晓燕",
            "birth": born(35, 100),
            "seq": 522,
            "phone": "13900002222",
            "address": "浙江省杭州市西湖区西溪街道演示路2号",
        },
        {
            "name": "赵一鸣",
            "birth": born(15, 20),
            "seq": 133,
            "phone": "",
            "address": "浙江省杭州市西湖区留下街道演示路3号",
        },
        {
            "name": "钱多多",
            "birth": born(13, 40),
            "seq": 244,
            "phone": "",
            "address": "浙江省杭州市西湖区蒋村街道演示路4号",
        },
        {
            "name": "孙大伟",
            "birth": born(40, 5),
            "seq": 355,
            "phone": "13700003333",
            "address": "浙江省杭州市西湖区古荡街道演示路5号",
        },
    ]


ORGANISATIONS = [
    ("杭州西湖演示餐饮店（个体工商户）", "MA2D0001", "周一", "浙江省杭州市西湖区转塘街道演示商业街8号"),
    ("杭州演示建材贸易有限公司", "MA2D0002", "吴二", "浙江省杭州市西湖区三墩镇演示工业园12号"),
    ("杭州演示食品科技有限公司", "MA2D0003", "郑三", "浙江省杭州市西湖区文新街道演示大厦6楼"),
    ("杭州演示广告传媒有限公司", "MA2D0004", "冯四", "浙江省杭州市西湖区翠苑街道演示路20号"),
    ("杭州演示环保建材有限公司", "MA2D0005", "陈五", "浙江省杭州市西湖区双浦镇演示村55号"),
]


def load_demo(report: DemoReport) -> None:
    region = Region.objects.filter(code=AREA).first()
    today = timezone.localdate()
    created = 0
    for person in _people(today):
        number = resident_id(person["birth"], person["seq"])  # type: ignore[arg-type]
        if Party.objects.filter(id_number=number).exists():
            continue
        create_party(
            by=None,
            kind=PartyKind.INDIVIDUAL,
            name=str(person["name"]),
            id_number=number,
            phone=str(person["phone"]),
            region=region,
            addresses={AddressKind.REGISTERED: str(person["address"])},
        )
        created += 1
    for name, serial, representative, address in ORGANISATIONS:
        code = credit_code(serial + "X")
        if Party.objects.filter(id_number=code).exists():
            continue
        create_party(
            by=None,
            kind=PartyKind.ORGANISATION,
            name=name,
            id_number=code,
            legal_representative=representative,
            phone="0571-88880000",
            region=region,
            addresses={AddressKind.BUSINESS: address},
            credit_grade="B",
        )
        created += 1
    report.say(f"当事人：新增 {created}（演示身份，校验位有效但不对应真实人员或企业）")
