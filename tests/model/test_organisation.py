from decimal import Decimal

import pytest

from omstilling.model import (
    Membership,
    MunicipalityNumber,
    Office,
    OfficeKind,
    Organisation,
    OrganisationKind,
    PartialDate,
)


def _cooperation(*members: Membership, host: str | None = None) -> Organisation:
    return Organisation(
        id="tjenesten",
        name="Sosial- og barneverntjenesten",
        kind=OrganisationKind.INTER_MUNICIPAL,
        members=members,
        host=host,
    )


def test_cost_shares_that_sum_to_100_are_accepted() -> None:
    org = _cooperation(
        Membership(organisation="flesberg", cost_share=Decimal(60)),
        Membership(organisation="rollag", cost_share=Decimal(40)),
        host="flesberg",
    )
    assert [m.cost_share for m in org.members] == [60, 40]


def test_cost_shares_must_sum_to_100() -> None:
    with pytest.raises(ValueError, match="sum to 100 %, not 90 %"):
        _cooperation(
            Membership(organisation="flesberg", cost_share=Decimal(60)),
            Membership(organisation="rollag", cost_share=Decimal(30)),
        )


def test_cost_shares_all_or_none() -> None:
    with pytest.raises(ValueError, match="every member has a cost share or none"):
        _cooperation(
            Membership(organisation="flesberg", cost_share=Decimal(100)),
            Membership(organisation="rollag"),
        )


def test_host_must_be_a_member() -> None:
    with pytest.raises(ValueError, match="host 'kongsberg' is not one of the members"):
        _cooperation(
            Membership(organisation="flesberg"), Membership(organisation="rollag"), host="kongsberg"
        )


def test_cooperation_needs_two_members_and_only_it_has_members() -> None:
    with pytest.raises(ValueError, match="at least two members"):
        _cooperation(Membership(organisation="flesberg"))
    with pytest.raises(ValueError, match="only an inter-municipal cooperation has members"):
        Organisation(id="x", name="X", members=(Membership(organisation="a"),))


def test_municipality_numbers_follow_the_reforms() -> None:
    vadso = Organisation(
        id="vadso",
        name="Vadsø kommune",
        municipality_numbers=(
            MunicipalityNumber(number="2003", valid_to=PartialDate(2019, 12, 31)),
            MunicipalityNumber(
                number="5405",
                valid_from=PartialDate(2020, 1, 1),
                valid_to=PartialDate(2023, 12, 31),
            ),
            MunicipalityNumber(number="5607", valid_from=PartialDate(2024, 1, 1)),
        ),
    )
    assert vadso.municipality_number(PartialDate(2004, 8)) == "2003"
    assert vadso.municipality_number(PartialDate(2021)) == "5405"
    assert vadso.municipality_number() == "5607"


def test_overlapping_municipality_numbers_are_refused() -> None:
    with pytest.raises(ValueError, match="overlap"):
        Organisation(
            id="x",
            name="X",
            municipality_numbers=(
                MunicipalityNumber(number="0631", valid_to=PartialDate(2020, 6)),
                MunicipalityNumber(number="3050", valid_from=PartialDate(2020, 1, 1)),
            ),
        )


@pytest.mark.parametrize("number", ["631", "06311", "o631"])
def test_municipality_number_has_four_digits(number: str) -> None:
    with pytest.raises(ValueError, match="4 digits"):
        MunicipalityNumber(number=number)


def test_invalid_organisation_number_is_refused() -> None:
    with pytest.raises(ValueError, match="organisation number"):
        Organisation(id="alna", name="Bydel Alna", organisation_number="970534645")


def test_office_days_per_week() -> None:
    assert (
        Office(name="Rollag", kind=OfficeKind.BRANCH, days_open_per_week=3).days_open_per_week == 3
    )
    with pytest.raises(ValueError, match="0 to 7"):
        Office(name="Rollag", days_open_per_week=8)


def test_a_year_may_end_a_number_that_starts_within_it() -> None:
    number = MunicipalityNumber(
        number="3050", valid_from=PartialDate(2020, 1, 1), valid_to=PartialDate(2020)
    )
    assert number.valid_to == PartialDate(2020)
