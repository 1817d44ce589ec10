"""commerce.yaml and data/vouchers.json load with the pack; errors name the file and the line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from firstline.company.loader import demo_company_dir, load_company
from firstline.company.model import Company
from firstline.errors import CompanyPackError


def pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(demo_company_dir(), root, ignore=shutil.ignore_patterns("knowledge", "tests"))
    return root


def test_demo_pack_agrees_with_its_shipping_articles(company: Company) -> None:
    countries = company.commerce.countries
    assert str(countries["DE"].standard) == "4.95" and str(countries["DE"].free_from) == "50.00"
    assert str(countries["AT"].standard) == "9.90" and str(countries["AT"].free_from) == "100.00"
    assert str(countries["CH"].standard) == "19.90" and countries["CH"].free_from is None
    assert [str(c.freight) for c in countries.values()] == ["39.00", "69.00", "99.00"]
    assert countries["DE"].express is not None and countries["AT"].express is None
    assert str(company.commerce.max_discount_percent) == "15"
    assert {v.code for v in company.vouchers} >= {"WINTER10", "SOMMER15"}


def test_bad_commerce_value_names_file_and_line(tmp_path: Path) -> None:
    root = pack(tmp_path)
    path = root / "commerce.yaml"
    text = path.read_text(encoding="utf-8").replace('cutoff: "14:00"', 'cutoff: "2 pm"')
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if row.startswith("cutoff:"))
    with pytest.raises(CompanyPackError) as error:
        load_company(root)
    assert error.value.path == path and error.value.line == line and "HH:MM" in error.value.problem


def test_voucher_with_both_kinds_is_rejected(tmp_path: Path) -> None:
    root = pack(tmp_path)
    (root / "data" / "vouchers.json").write_text(
        '[\n  {"code": "OK10", "percent": "10"},\n  {"code": "BOTH", "percent": "10", "amount": "5"}\n]\n',
        encoding="utf-8",
    )
    with pytest.raises(CompanyPackError) as error:
        load_company(root)
    assert error.value.path.name == "vouchers.json" and error.value.line == 3


def test_a_pack_without_commerce_files_still_loads(tmp_path: Path) -> None:
    root = pack(tmp_path)
    (root / "commerce.yaml").unlink()
    (root / "data" / "vouchers.json").unlink()
    for path in (root / "flows").glob("sales_*.yaml"):
        path.unlink()
    company = load_company(root)
    assert company.commerce.countries == {} and company.vouchers == ()
