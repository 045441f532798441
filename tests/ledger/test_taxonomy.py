"""The weapon taxonomy: every model string of the shared dataset classed; spellings folded; bad data refused."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from skytally.errors import TaxonomyError
from skytally.ledger.taxonomy import classify, load_taxonomy, normalise_model_name, parse_taxonomy


def test_every_model_string_of_the_shared_dataset_is_classified(dataset_csv: Path) -> None:
    with dataset_csv.open(encoding="utf-8") as handle:
        models = {row["model"] for row in csv.DictReader(handle)}
    assert len(models) > 60
    unknown = []
    for model in sorted(models):
        try:
            classify(model)
        except TaxonomyError:
            unknown.append(model)
    assert unknown == []


def test_every_model_of_the_reference_file_is_classified(dataset_csv: Path) -> None:
    with (dataset_csv.parent / "missiles_and_uavs.csv").open(encoding="utf-8") as handle:
        models = [row["model"] for row in csv.DictReader(handle)]
    assert len(models) == 64
    assert [m for m in models if load_taxonomy().lookup(m) is None and not classify(m).combined] == []


CASES = [
    ("X-101/X-555", ("Kh-101/Kh-555",), "cruise_missile", False),
    ("Х-101", ("Kh-101/Kh-555",), "cruise_missile", False),
    ("Kh-101", ("Kh-101/Kh-555",), "cruise_missile", False),
    ("Калібр", ("Kalibr",), "cruise_missile", False),
    ("X-47 Kinzhal", ("Kh-47M2 Kinzhal",), "aeroballistic_missile", False),
    ("Кинджал", ("Kh-47M2 Kinzhal",), "aeroballistic_missile", False),
    ("Iskander-M/KN-23", ("Iskander-M/KN-23",), "ballistic_missile", False),
    ("C-300", ("S-300",), "sam_used_on_ground", False),
    ("С-300", ("S-300",), "sam_used_on_ground", False),
    ("3M22 Zircon", ("Zircon",), "anti_ship_missile", False),
    ("3М22 Циркон", ("Zircon",), "anti_ship_missile", False),
    ("X-59/X-69", ("Kh-59/Kh-69",), "guided_air_missile", False),
    ("Х-59/69", ("Kh-59/Kh-69",), "guided_air_missile", False),
    ("X-31P", ("Kh-31P",), "anti_radar_missile", False),
    ("Banderol", ("Banderol",), "loitering_munition", False),
    ("Shahed-136/131", ("Shahed-136/131",), "strike_drone", False),
    ("Гербера", ("Gerbera",), "decoy_drone", False),
    ("Orlan-10", ("Orlan-10",), "recon_drone", False),
    ("Lancet", ("Lancet",), "loitering_munition", False),
    ("Unknown UAV", ("Unknown UAV",), "unknown_drone", False),
    ("Unknown Missile", ("Unknown Missile",), "unknown_missile", False),
    ("GBU", ("GBU",), "guided_bomb", False),
    ("X-101/X-555 and Kalibr", ("Kh-101/Kh-555", "Kalibr"), "cruise_missile", True),
    ("C-400 and Iskander-M", ("S-400", "Iskander-M"), "mixed_missiles", True),
    ("Shahed-136/131 and Lancet", ("Shahed-136/131", "Lancet"), "mixed_drones", True),
    ("Orlan-10 and ZALA and Supercam", ("Orlan-10", "ZALA", "Supercam"), "recon_drone", True),
]


@pytest.mark.parametrize(("name", "models", "weapon_class", "combined"), CASES, ids=[c[0] for c in CASES])
def test_classify(name: str, models: tuple[str, ...], weapon_class: str, combined: bool) -> None:
    found = classify(name)
    assert (found.models, found.weapon_class, found.combined) == (models, weapon_class, combined)


def test_categories_make_drones_and_missiles() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.category_of("loitering_munition") == "drone"  # Banderol counts as a drone, as the Air Force does
    assert taxonomy.category_of("aeroballistic_missile") == "missile"
    assert taxonomy.category_of("guided_bomb") == "bomb"


def test_unknown_model_names_the_data_file() -> None:
    with pytest.raises(TaxonomyError, match=r"unknown weapon model 'Zzz-1'.*taxonomy\.toml"):
        classify("Zzz-1")


def test_drones_and_missiles_under_one_count_are_refused() -> None:
    with pytest.raises(TaxonomyError, match="counts drones and missiles under one figure"):
        classify("Shahed-136/131 and Kalibr")


BAD_TAXONOMIES = [
    ("[classes.a]\ncategory = 'boat'\n", "expected category drone, missile or bomb, got 'boat'"),
    ("[classes.a]\ncategory = 'drone'\n[[model]]\nid = 'X'\nclass = 'b'\n", "model 'X': unknown class 'b'"),
    ("[classes.a]\ncategory = 'drone'\n[[model]]\nclass = 'a'\n", "model #1 has no id"),
    (
        "[classes.a]\ncategory = 'drone'\n[[model]]\nid = 'X'\nclass = 'a'\n[[model]]\nid = 'Y'\nclass = 'a'\n"
        "aliases = ['x']\n",
        "alias 'x' names both 'X' and 'Y'",
    ),
    ("[classes.a\n", "not valid TOML"),
]


@pytest.mark.parametrize(("text", "message"), BAD_TAXONOMIES, ids=["category", "class", "id", "alias", "toml"])
def test_bad_taxonomy_is_refused(text: str, message: str) -> None:
    with pytest.raises(TaxonomyError) as caught:
        parse_taxonomy(text, path="bad.toml")
    assert str(caught.value).startswith("bad.toml: ")
    assert message in str(caught.value)


def test_normalisation_folds_prefixes_and_quotes() -> None:
    assert normalise_model_name("«Калібр»") == normalise_model_name("Калібр")
    assert normalise_model_name("X-59/X-69") == normalise_model_name("Х-59/Х-69") == "kh-59/kh-69"
