from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.domain.basic_data import FIELDS, BasicData, BasicValue, InputKind, field_names


def test_the_catalogue_mirrors_the_fields() -> None:
    assert tuple(f.key for f in FIELDS) == field_names()
    labels = [f.label for f in FIELDS]
    assert len(set(labels)) == len(labels)
    money = {f.key for f in FIELDS if f.kind is InputKind.MONEY}
    assert {"three_public_budget", "public_actual", "carryover"} <= money
    assert {f.key for f in FIELDS if f.kind is InputKind.RATE} == {
        "execution_rate",
        "payment_progress_actual",
        "payment_progress_planned",
    }


def test_values_are_immutable_and_none_means_not_stated() -> None:
    data = BasicData.of({"authorized_staff": BasicValue(Decimal(45), "test")})
    assert data.get("authorized_staff") == BasicValue(Decimal(45), "test")
    assert data.get("actual_staff") is None
    assert list(data.stated()) == ["authorized_staff"]
    with pytest.raises(AttributeError):
        data.authorized_staff = None  # type: ignore[misc]


def test_unknown_keys_are_refused() -> None:
    with pytest.raises(KeyError):
        BasicData().get("staff")
    with pytest.raises(KeyError, match="staff"):
        BasicData.of({"staff": BasicValue(Decimal(1), "x")})
