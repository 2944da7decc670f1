"""The gazetteer and lookup(): names news uses resolve to the right place, within 25 km of the truth."""
import math

import pytest

from eventwire.geo import country_place, lookup
from eventwire.geo.names import name_key


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


# Reference coordinates: Wikipedia's for each place (city centre; governorate capital for provinces).
@pytest.mark.parametrize("name, country, lat, lon", [
    ("Quneitra", "SYR", 33.1258, 35.8248),
    ("Sweida", "SYR", 32.7089, 36.5695),
    ("As-Suwayda", "SYR", 32.7089, 36.5695),
    ("the Golan Heights", "SYR", 33.00, 35.75),
    ("Gaza", "PSE", 31.50, 34.47),
    ("Donbas", "UKR", 48.0, 37.9),
    ("Crimea", "UKR", 45.0, 34.1),
    ("Damascus", "SYR", 33.5131, 36.2919),
    ("Riyadh", "SAU", 24.6333, 46.7167),
    ("Afrin", "SYR", 36.5117, 36.8681),
    ("Manbij", "SYR", 36.5281, 37.9550),
    ("Raqqa", "SYR", 35.95, 39.0167),
    ("Baghuz", "SYR", 34.45, 40.94),
    ("Idlib", "SYR", 35.9333, 36.6333),
    ("Deir Ezzor", "SYR", 35.3333, 40.15),
    ("Deir ez-Zor", "SYR", 35.3333, 40.15),
    ("Geneva", "CHE", 46.2017, 6.1469),
    ("Sochi", "RUS", 43.5853, 39.7203),
    ("Kyiv", "UKR", 50.45, 30.5236),
    ("Kiev", "UKR", 50.45, 30.5236),
    ("Tbilisi", "GEO", 41.7225, 44.7925),
    ("Washington", "USA", 38.9072, -77.0369),
    ("New York", "USA", 40.7128, -74.0060),
    ("Paris", "FRA", 48.8566, 2.3522),
    ("Tripoli", "LBY", 32.8872, 13.1913),
    ("Beirut", "LBN", 33.8938, 35.5018),
    ("Mosul", "IRQ", 36.34, 43.13),
])
def test_news_places_are_known_within_25_km(name, country, lat, lon):
    place = lookup(name)
    assert place is not None, name
    assert place["country"] == country
    assert km(place["lat"], place["lon"], lat, lon) < 25, (place, lat, lon)


def test_countries_in_play_decide_between_namesakes():
    assert lookup("Tripoli", countries=["LBN"])["country"] == "LBN"
    assert lookup("Tripoli")["country"] == "LBY"
    assert lookup("Georgia")["kind"] == "country"
    assert lookup("Georgia", countries=["USA"])["country"] in ("GEO", "USA")  # a country alone does not flip it


def test_admin_names_come_from_the_packages():
    sweida = lookup("As Suwayda'")   # pycountry's spelling of the governorate
    assert sweida["country"] == "SYR"
    assert lookup("California")["kind"] == "admin1"
    assert lookup("Bavaria")["country"] == "DEU"


def test_spanish_and_french_country_names():
    assert lookup("Siria")["country"] == "SYR"
    assert lookup("Syrie")["country"] == "SYR"
    assert lookup("Estados Unidos")["country"] == "USA"


def test_abbreviations_match_only_in_capitals():
    assert lookup("US")["country"] == "USA"
    assert lookup("us") is None or lookup("us")["country"] != "USA"
    assert lookup("UAE")["country"] == "ARE"


def test_unknown_names_are_none():
    assert lookup("Xqzzyville") is None
    assert lookup("") is None


def test_country_place_gives_centroid_and_capital():
    syria = country_place("SYR")
    assert syria["kind"] == "country" and syria["name"] == "Syria"
    assert km(syria["lat"], syria["lon"], 35.0, 38.0) < 150
    assert syria["capital"] == "Damascus"
    assert km(syria["capital_lat"], syria["capital_lon"], 33.5131, 36.2919) < 25
    assert country_place("XXX") is None


def test_name_keys_fold_spelling_variants():
    assert name_key("Deir ez-Zor") == name_key("Deir Ezzor") == name_key("DEIR EZ ZOR")
    assert name_key("‘Afrīn") == name_key("Afrin")


def test_everyday_country_names_from_the_curated_aliases():
    assert lookup("America")["country"] == "USA"
    assert lookup("Britain")["country"] == "GBR"
    assert lookup("U.S.")["country"] == "USA"


def test_small_countries_are_centred_on_their_territory():
    kuwait = lookup("Kuwait")
    assert kuwait["kind"] == "country"
    assert km(kuwait["lat"], kuwait["lon"], 29.3759, 47.9774) < 161   # Kuwait City


def test_unrelated_geonames_alternates_of_small_towns_are_ignored():
    assert lookup("Ramadan") is None   # an alternate name of Turabah, Saudi Arabia


@pytest.mark.parametrize("name, country, kind", [
    ("Idlib province", "SYR", "admin1"),
    ("Aleppo province", "SYR", "admin1"),
    ("provincia de Idlib", "SYR", "admin1"),
    ("south-west Syria", "SYR", "country"),
    ("the far east of Syria", "SYR", "country"),
    ("east and north-east Syria", "SYR", "country"),
    ("north Syria, west of the Euphrates", "SYR", "country"),
    ("eastern Ghouta", "SYR", "region"),
])
def test_lookup_takes_names_as_the_text_gives_them(name, country, kind):
    place = lookup(name)
    assert (place["country"], place["kind"]) == (country, kind)


def test_lookup_reads_a_comma_as_a_qualifier():
    assert lookup("Paris, Texas")["country"] == "USA"
    assert lookup("Tripoli, Lebanon")["country"] == "LBN"
    assert lookup("Xqzzy, Foo") is None
