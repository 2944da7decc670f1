"""actors: which country a context-coded actor belongs to (generic institution names, people without a role,
places where talks are held)."""
from eventwire import actors, geo, nlp
from eventwire.model import Article


def resolved(text: str, with_places: bool = False) -> Article:
    article = nlp.parse(Article("test", text, language="en"))
    if with_places:
        geo.resolve(article)
    return actors.resolve(article)


def codes(article: Article, text: str) -> list[str]:
    return [m.code for m in article.actors if m.span.text == text]


# ---------------------------------------------------------------- generic institution names
def test_a_generic_institution_keeps_its_listed_home_without_another_country_beside_it():
    article = resolved("Assad's forces shelled Idlib and Syria rejected the plan. That will be news to many in "
                       "Congress.")
    assert codes(article, "Congress") == ["USALEG"]


def test_a_generic_institution_takes_the_country_named_in_its_sentence():
    article = resolved("Pakistan's crisis deepened. In Pakistan, the Supreme Court ruled against the premier.")
    assert codes(article, "Supreme Court") == ["PAKJUD"]


def test_an_institution_word_heading_a_longer_name_is_not_the_institution():
    article = resolved("Putin said he would convene a Congress of National Dialogue in Sochi.")
    assert codes(article, "Congress") == []


def test_a_party_leader_speaks_for_the_party_and_its_country():
    article = resolved("Tony Blair should set out an exit strategy from Iraq, Lib Dem leader Charles Kennedy said.")
    assert codes(article, "Lib Dem leader Charles Kennedy") == ["GBROPP"]


# ---------------------------------------------------------------- venues and the opposition
def test_the_opposition_belongs_to_the_state_of_the_story_not_the_city_where_talks_are_held():
    article = resolved("UN-sponsored talks in Geneva to end the Syrian war have collapsed. The envoy blamed the "
                       "Syrian government delegation for refusing direct talks with the opposition.",
                       with_places=True)
    assert codes(article, "opposition") == ["SYROPP"]


def test_a_meeting_place_is_a_venue_but_a_place_of_residence_is_not():
    from eventwire.actors.context import is_venue
    article = nlp.parse(Article("t", "Talks in Geneva resumed. Refugees in Lebanon protested.", language="en"))
    geo.resolve(article)
    venues = {p.span.text: is_venue(article.doc, p) for p in article.places}
    assert venues == {"Geneva": True, "Lebanon": False}


# ---------------------------------------------------------------- role nouns after a nationality
def test_machines_of_war_and_ordinary_people_after_a_nationality_carry_their_role():
    article = resolved("Russian aircraft bombed the village while Iraqi youths threw stones at Algerian farmers.")
    found = {m.span.text: m.code for m in article.actors}
    assert found["Russian aircraft"] == "RUSMIL"
    assert found["Iraqi youths"] == "IRQCVL"
    assert found["Algerian farmers"] == "DZACVL"


def test_a_speaker_takes_the_sector_of_whom_they_speak_for():
    article = resolved("Syrian rebel leaders met. Israeli intelligence officials said so. An Egyptian army "
                       "spokesman denied it. The Syrian government spokesman agreed.")
    found = {m.span.text: m.code for m in article.actors}
    assert found["Syrian rebel leaders"] == "SYRREB"
    assert found["Israeli intelligence officials"] == "ISRSPY"
    assert found["Egyptian army spokesman"] == "EGYMIL"
    assert found["Syrian government spokesman"] == "SYRGOV"


# ---------------------------------------------------------------- peoples living in several states
def test_a_people_in_several_states_takes_the_state_the_story_is_in_not_the_state_opposing_it():
    article = resolved("In northern Syria, Kurdish fighters repelled an assault near Qamishli. Turkey has vowed to "
                       "crush them; Ankara says the Kurdish fighters are terrorists.", with_places=True)
    assert codes(article, "Kurdish fighters") == ["SYRREB", "SYRREB"]


def test_a_nationality_in_the_peoples_own_phrase_wins_over_the_story_country():
    article = resolved("Turkish jets struck Afrin and Manbij in Syria. The Turkish Kurdish party condemned the "
                       "raids.", with_places=True)
    assert codes(article, "Kurdish party") == ["TURETH"]


def test_a_people_placed_by_its_own_phrase_takes_that_place():
    article = resolved("Syrian Kurds fled Afrin and Manbij. Meanwhile Kurds in Iraq voted on independence.",
                       with_places=True)
    assert codes(article, "Kurds") == ["SYRETH", "IRQETH"]


def test_a_people_in_a_story_about_one_of_its_states_ignores_a_neighbour_that_comments():
    article = resolved("Baloch separatists attacked a train near Quetta in Balochistan. Iran condemned the attack. "
                       "Tehran said the Baloch militants must be stopped.", with_places=True)
    assert [c[:3] for c in codes(article, "Baloch militants")] == ["PAK"]


def test_a_people_named_in_the_plural_takes_the_state_where_the_story_places_it():
    article = resolved("Tuareg rebels seized Kidal in northern Mali. Algeria offered to mediate; Algiers said the "
                       "Tuaregs must talk.", with_places=True)
    assert codes(article, "Tuaregs") == ["MLIETH"]
