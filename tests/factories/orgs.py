from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from zhifa.orgs.choices import LegalStatus, RegionLevel, Role
from zhifa.orgs.models import Agency, Credential, Domain, Officer, Region, RoleGrant, Team, User

PASSWORD = "Test-Passw0rd-zhifa"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{910000 + n * 100}")
    name = factory.Sequence(lambda n: f"测试区划{n}")
    level = RegionLevel.COUNTY
    parent = None
    path = factory.LazyAttribute(lambda o: Region.path_for(o.code, o.parent))


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain
        django_get_or_create = ("code",)

    code = "urban_management"
    name = factory.LazyAttribute(
        lambda o: {"urban_management": "城市管理", "market_regulation": "市场监管"}.get(o.code, o.code)
    )


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试执法局{n}")
    region = factory.SubFactory(RegionFactory)
    domain = factory.SubFactory(DomainFactory)
    legal_status = LegalStatus.STATUTORY


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"第{n}中队")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试员{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            obj.save()


class OfficerFactory(factory.django.DjangoModelFactory):
    """An officer with roles (default: officer) and, unless credential=None, a valid credential."""

    class Meta:
        model = Officer
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)

    @factory.post_generation
    def roles(obj: Officer, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        for role in extracted if extracted is not None else [Role.OFFICER]:
            RoleGrant.objects.create(officer=obj, role=role)

    @factory.post_generation
    def credential(obj: Officer, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if extracted == "none":
            return
        today = timezone.localdate()
        states = {
            "valid": (today - dt.timedelta(days=10), today + dt.timedelta(days=400), None),
            "expired": (today - dt.timedelta(days=800), today - dt.timedelta(days=1), None),
            "revoked": (today - dt.timedelta(days=10), today + dt.timedelta(days=400), timezone.now()),
            "future": (today + dt.timedelta(days=5), today + dt.timedelta(days=400), None),
        }
        start, end, revoked = states[extracted or "valid"]
        CredentialFactory(officer=obj, domain=obj.agency.domain, valid_from=start, valid_to=end, revoked_at=revoked)


class CredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credential

    officer = factory.SubFactory(OfficerFactory, credential="none")
    number = factory.Sequence(lambda n: f"T{n:010d}")
    domain = factory.SubFactory(DomainFactory)
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    valid_to = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=400))


def region_tree() -> dict[str, Region]:
    """浙江省 > 杭州市 > 西湖区 (with 转塘街道) and 上城区 beside it: real codes, built by hand
    only for speed; tests of the import itself read the real package data."""
    province = RegionFactory(code="330000", name="浙江省", level=RegionLevel.PROVINCE)
    city = RegionFactory(code="330100", name="杭州市", level=RegionLevel.CITY, parent=province)
    county = RegionFactory(code="330106", name="西湖区", level=RegionLevel.COUNTY, parent=city)
    beside = RegionFactory(code="330102", name="上城区", level=RegionLevel.COUNTY, parent=city)
    township = RegionFactory(code="330106010", name="转塘街道", level=RegionLevel.TOWNSHIP, parent=county)
    return {"province": province, "city": city, "county": county, "beside": beside, "township": township}
