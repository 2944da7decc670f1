"""The shipped gazetteer and its hand-curated inputs stay consistent with each other."""
import json
import sqlite3
from pathlib import Path

import pycountry
import pytest

from eventwire.geo import lookup
from eventwire.geo.gazetteer import GAZETTEER_PATH

DATA = Path(__file__).resolve().parents[1] / "eventwire" / "data" / "geo"


def _rows(name):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def test_gazetteer_is_shipped_small_and_counted():
    assert GAZETTEER_PATH.stat().st_size < 15_000_000
    db = sqlite3.connect(f"file:{GAZETTEER_PATH}?mode=ro", uri=True)
    counts = json.loads(db.execute("SELECT value FROM meta WHERE key = 'counts'").fetchone()[0])
    assert counts["cities"] > 50_000 and counts["admin1"] > 3000 and counts["countries"] > 240


@pytest.mark.parametrize("row", list(_rows("regions.tsv")), ids=lambda r: r[0])
def test_curated_regions_are_well_formed_and_found_where_written(row):
    name, aliases, kind, country, lat, lon = row
    assert kind in ("region", "admin1", "place")
    assert not country or pycountry.countries.get(alpha_3=country) or country == "XKX"
    lat, lon = float(lat), float(lon)
    assert -90 <= lat <= 90 and -180 <= lon <= 180
    place = lookup(name)
    assert place is not None and place["country"] == (country or None)


@pytest.mark.parametrize("row", list(_rows("country_aliases.tsv")), ids=lambda r: r[0])
def test_curated_country_aliases_name_real_countries(row):
    alias, iso3 = row
    assert pycountry.countries.get(alpha_3=iso3) or iso3 == "XKX"
    assert lookup(alias)["country"] == iso3


def test_a_missing_gazetteer_is_a_typed_error_naming_the_file(tmp_path, monkeypatch):
    from eventwire.errors import AnnotateError
    from eventwire.geo import gazetteer
    missing = tmp_path / "gazetteer.sqlite"
    monkeypatch.setattr(gazetteer, "GAZETTEER_PATH", missing)
    monkeypatch.setattr(gazetteer._local, "conn", None, raising=False)
    gazetteer._candidates_by_key.cache_clear()
    try:
        with pytest.raises(AnnotateError, match="build_gazetteer"):
            gazetteer.candidates("Nowhereville")
    finally:
        gazetteer._candidates_by_key.cache_clear()
