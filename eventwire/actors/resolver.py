"""Mentions → CAMEO-style actor codes: dictionary names, noun phrases with role words, people by their role in
context, and simple coreference (surnames, pronouns, definite descriptions).

The pass works in three steps over the spaCy Doc made by nlp/:
1. candidates: dictionary matches expanded to their noun phrase ("the Israeli foreign ministry" → ISRGOV),
   group words (Druze, Kurdish), PERSON entities, surname-like tokens, pronouns and definite descriptions;
2. a country trail: every country-bearing word in the text and every geocoded place (article.places);
3. an ordered pass that fills codes from context and links later mentions to their antecedents.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from eventwire.actors import dictionary
from eventwire.actors.dictionary import COUNTRY_KINDS, NON_COUNTRY_PREFIXES, Entry
from eventwire.model import ActorMention, Span

# Dependency labels of a word that modifies the noun it hangs on (its noun phrase goes on to that noun).
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Entity labels under which a capital's name is part of another name (the Washington Post, Moscow Metro).
NAME_LABELS = {"ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# Plural nouns for people who are actors without a name: "civilians", "fighters", "protesters", "journalists".
PEOPLE_SECTORS = {"CVL", "REB", "INS", "OPP", "MED"}
# "the militants" after "Isis": news uses rebel/militant/insurgent words for the same armed group.
SECTOR_KIN = {"REB": {"REB", "INS"}, "INS": {"INS", "REB"}}


@dataclass
class Candidate:
    start: int                      # token indices [start, end)
    end: int
    kind: str                       # name | country | demonym | capital | group | description | pronoun | surname
    code: Optional[str] = None      # None: to be filled from context in the ordered pass
    name: Optional[str] = None
    wikidata: Optional[str] = None
    country: Optional[str] = None
    sector: Optional[str] = None
    person: bool = False
    head: int = -1                  # token index of the syntactic head (for subject salience)
    countries: tuple = ()           # candidate home countries of a group word
    pair: bool = False              # "the two adversaries": the last two country actors
    proper: bool = False            # carries a person's own name (remembered for later surnames)
    extra: dict = field(default_factory=dict)


def country_of(code: Optional[str]) -> Optional[str]:
    if not code or code[:3] in NON_COUNTRY_PREFIXES:
        return None
    return code[:3]


def compose(country: Optional[str], sector: Optional[str]) -> str:
    return (country or "---") + (sector or "")


# ---------------------------------------------------------------- role words
def sector_of_tokens(tokens) -> Optional[str]:
    """The sector named by role words in a token run: the phrase nearest the end (the head noun) wins."""
    lex = dictionary.roles()
    sector_of, longest = lex["sector_of"], lex["max_phrase"]
    lemmas = [t.lemma_.lower() for t in tokens]
    words = [t.lower_ for t in tokens]
    for end in range(len(tokens), 0, -1):
        for size in range(min(longest, end), 0, -1):
            if size == 1 and tokens[end - 1].pos_ == "ADJ" and words[end - 1] in lex["noun_only"]:
                continue                         # "general secretary": the adjective is no general
            for seq in (words[end - size:end], lemmas[end - size:end]):
                phrase = " ".join(seq)
                if phrase in sector_of:
                    return sector_of[phrase]
    return None


def is_person_role(tokens) -> bool:
    lex = dictionary.roles()
    return any(t.lemma_.lower() in lex["person_roles"] or t.lower_ in lex["person_roles"] for t in tokens)


# ---------------------------------------------------------------- step 1: candidates
def _entity_at(doc, i):
    """The named entity covering token i (a per-Doc index, built once)."""
    index = doc.user_data.get("eventwire.ent_of")
    if index is None:
        index = [None] * len(doc)
        for ent in doc.ents:
            for j in range(ent.start, ent.end):
                index[j] = ent
        doc.user_data["eventwire.ent_of"] = index
    return index[i]


def _pick_entry(entries: list[Entry], article_codes: Counter) -> Entry:
    """Several entries share a name (Congolese): take the one the rest of the article speaks about most."""
    if len(entries) == 1:
        return entries[0]
    return max(entries, key=lambda e: (article_codes.get(e.code[:3], 0), -entries.index(e)))


def dictionary_matches(doc):
    """Spans labelled ACTOR (a dictionary alias) or GROUP (an ethnic/religious group word), longest, no overlaps;
    computed once per Doc."""
    if "eventwire.actor_matches" not in doc.user_data:
        doc.user_data["eventwire.actor_matches"] = _dictionary_matches(doc)
    return doc.user_data["eventwire.actor_matches"]


def _dictionary_matches(doc):
    from spacy.tokens import Span as DocSpan
    from spacy.util import filter_spans
    matcher = dictionary.matcher_for(doc.vocab, _make_doc(doc))
    spans = []
    for match_id, start, end in matcher(doc):
        label = doc.vocab.strings[match_id]
        text = doc[start:end].text
        if label == "GROUP":
            if text[:1].isupper():               # group words are proper adjectives: "Druze", "Kurdish"
                spans.append(DocSpan(doc, start, end, label="GROUP"))
        elif dictionary.candidates(text):
            spans.append(DocSpan(doc, start, end, label="ACTOR"))
    return filter_spans(spans)


def _make_doc(doc):
    from eventwire import nlp
    return nlp.get_pipeline(doc.lang_ if doc.lang_ else "en").make_doc


def _shouting(doc, span) -> bool:
    """An acronym inside an all-caps run (a headline, a slogan) is more likely a word: IS, US, WHO."""
    near = [t for t in (doc[span.start - 1] if span.start > 0 else None,
                        doc[span.end] if span.end < len(doc) else None) if t is not None and t.is_alpha]
    return bool(near) and all(t.is_upper and len(t) > 1 for t in near)


def _np_head(token):
    """The noun a modifier word hangs on (Israeli → ministry; U.S. → Trump), or the token itself."""
    head = token
    if head.dep_ in MODIFIER_DEPS and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        head = head.head
        # then only through compounds: "U.S. President Donald Trump"; not on through a possessive
        # ("Iraqi leadership's ties" ends at leadership)
        while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head
    return head


def _left_edge(doc, head, anchor_start):
    """Start of the mention: the anchor, or a role word or title before it ("interim president X")."""
    lex = dictionary.roles()
    start = min(anchor_start, head.i)
    for t in head.lefts:
        if t.dep_ in MODIFIER_DEPS and t.i < start and (sector_of_tokens([t]) or t.lower_ in lex["titles"]):
            start = t.i
    return start


def anchor_candidates(doc, article_codes: Counter, places, use_entities: bool = True
                      ) -> tuple[list[Candidate], list[tuple[int, str]]]:
    """Dictionary and group-word matches, each expanded to its noun phrase; also returns the country trail."""
    lex = dictionary.roles()
    cands: list[Candidate] = []
    trail: list[tuple[int, str, bool]] = []       # (char offset, country, is a place rather than an actor)
    matches = dictionary_matches(doc)
    for span in matches:
        root = span.root
        if span.label_ == "GROUP":
            word = span.text.lower()
            info = lex["groups"].get(word) or lex["groups"].get(word.rstrip("s"), {})
            head = _np_head(root)
            start = _left_edge(doc, head, span.start) if head.i != root.i else span.start
            end = head.i + 1 if head.i != root.i else span.end
            tokens = [t for t in doc[span.end:end]]
            role = sector_of_tokens(tokens) if tokens else None
            if head.i != root.i and head.lemma_.lower() in lex["group_heads"]:
                role = None                      # "Druze community": the group itself, not civilians
            elif role == "MIL":
                role = "REB"                     # "Kurdish forces": an ethnic group's fighters are not a state army
            elif head.i != root.i and role is None:
                if info.get("sector") != "ETH" or span.end < len(doc) and doc[span.end].text in "-–":
                    continue                     # "Arab-Israeli war", "Sunni town": not an actor
                start, end = span.start, span.end   # "the Kurdish stronghold": the Kurds themselves
            cands.append(Candidate(start, end, "group", sector=role or info.get("sector", "ETH"), head=head.i,
                                   countries=tuple(info.get("countries", ())), name=span.text))
            continue
        entries = dictionary.candidates(span.text)
        entry = _pick_entry(entries, article_codes)
        if dictionary.is_acronym(span.text.strip()) and _shouting(doc, span):
            continue
        if entry.kind == "demonym" and span.start > 0 and doc[span.start - 1].lower_ == "ethnic":
            # "ethnic Albanians in south Serbia": a minority, placed by context, not the state it is named after
            head = _np_head(root)
            end = head.i + 1 if head.i != root.i else span.end
            role = sector_of_tokens(doc[span.end:end]) if end > span.end else None
            cands.append(Candidate(span.start - 1, end, "group", sector="REB" if role == "MIL" else role or "ETH",
                                   head=head.i, name=span.text))
            continue
        if entry.kind in COUNTRY_KINDS:
            ent = _entity_at(doc, span.start) if use_entities else None
            # "Michael Jordan", "Jordan Henderson": a country name inside a person's name is the person.
            if ent is not None and ent.label_ == "PERSON" and _name_goes_on(doc, ent, span):
                continue
            # "The Washington Post": a capital inside an organisation's name is not its government.
            if (entry.kind == "capital" and ent is not None and ent.label_ in NAME_LABELS
                    and (ent.end - ent.start) > (span.end - span.start)):
                continue
            place = _place_over(places, doc[span.start].idx, doc[span.end - 1].idx + len(doc[span.end - 1]))
            country = entry.country
            # Georgia the US state, Victoria the Australian state: the geocoder's reading of the same words wins.
            if place is not None and place.kind == "admin1" and place.country and place.country != country:
                country = place.country
            locative = root.dep_ == "pobj" and root.head.lower_ in lex["place_prepositions"]
            trail.append((doc[span.start].idx, country, locative))
            head = _np_head(root)
            inner = [o for o in matches if o.start >= span.end and o.end <= head.i]
            if any(o.label_ == "ACTOR" for o in inner):
                head = root                       # "Turkey's Syrian rebel allies": the nearer nationality wins
            if head.i != root.i and head.i >= span.end:
                start = _left_edge(doc, head, span.start)
                end = head.i + 1
                ent_h = _entity_at(doc, head.i)
                if ent_h is not None and ent_h.label_ == "PERSON":
                    end = max(end, ent_h.end)
                    role_tokens = [t for t in doc[start:ent_h.start] if t.i not in range(span.start, span.end)]
                    cands.append(Candidate(start, end, "name", country=country, sector=sector_of_tokens(role_tokens),
                                           person=True, head=head.i, name=ent_h.text, proper=True))
                    continue
                role = sector_of_tokens([t for t in doc[span.end:end]]) or sector_of_tokens(doc[start:span.start])
                if role == "MIL" and any(o.label_ == "GROUP" for o in inner):
                    role = "REB"                  # "Syrian Kurdish forces": an ethnic group's fighters
                if role:
                    person = is_person_role([head]) and head.tag_ not in ("NNS", "NNPS")
                    cands.append(Candidate(start, end, "description", country=country,
                                           sector=role, person=person, head=head.i, name=entry.name,
                                           wikidata=None if person else entry.wikidata))
                    continue
            if entry.kind == "capital":
                if root.dep_ == "pobj" and root.head.lower_ in lex["locative_prepositions"]:
                    continue                      # "in Damascus" is a place, not an actor
                if head.i != root.i:
                    continue                      # "Damascus airport", "Moscow time"
            # "the president of Syria": a role noun with this country as its of-object
            if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
                role_noun = root.head.head
                role = sector_of_tokens([role_noun])
                if role and role_noun.i < span.start:
                    start = _left_edge(doc, role_noun, role_noun.i)
                    cands.append(Candidate(start, span.end, "description",
                                           country=country, sector=role, head=role_noun.i, name=entry.name,
                                           person=is_person_role([role_noun])))
                    continue
            cands.append(Candidate(span.start, span.end, entry.kind, code=country, name=entry.name,
                                   wikidata=entry.wikidata, country=country, head=root.i))
            continue
        # Named bodies, groups and people from the dictionary keep their own code.
        code = entry.code
        home = None
        name = entry.name
        if entry.generic and not article_codes.get(entry.code[:3]) and \
                not any(e.kind in COUNTRY_KINDS for t in span for e in dictionary.candidates(t.text)):
            # "the Democratic Party" in a Hong Kong story is not the American one
            ranked = [c for c, _ in article_codes.most_common()]
            code = compose(ranked[0] if ranked else None, entry.code[3:])
            name = span.text
        elif entry.countries:
            home = _group_home(entry, article_codes)
            code = home + entry.code[3:]
        person = entry.kind == "person"
        start, end = span.start, span.end
        if person:
            ent = _entity_at(doc, span.start) if use_entities else None
            # "Ivanka Trump", "Cameron Diaz": a listed surname inside a longer unlisted name is someone else.
            if ent is not None and ent.label_ == "PERSON" and _name_goes_on(doc, ent, span) and \
                    not dictionary.candidates(ent.text):
                continue
            before = doc[start - 1] if start > 0 else None
            if before is not None and before.pos_ == "PROPN" and before.dep_ == "compound" and \
                    before.head.i in range(start, end) and before.text[:1].isupper() and \
                    before.lower_ not in lex["titles"] and sector_of_tokens([before]) is None and \
                    not dictionary.candidates(before.text):
                continue                         # the same, when the model finds no entity at all
            start = _left_edge(doc, _np_head(root), start) if _np_head(root).i == root.i else start
            while start < span.start and doc[start].lower_ not in lex["titles"] and \
                    sector_of_tokens([doc[start]]) is None and not dictionary.candidates(doc[start].text):
                start += 1
        if country_of(code) and not home:
            trail.append((doc[span.start].idx, country_of(code), False))
        cands.append(Candidate(start, end, "name" if person else "group", code=code, name=name,
                               wikidata=entry.wikidata if name == entry.name else None,
                               country=country_of(code), person=person, head=root.i,
                               proper=person, countries=entry.countries if home else (),
                               sector=entry.code[3:] if home else None))
    return _share_coordinated_roles(doc, _merge_into_people(cands, doc)), trail


def _share_coordinated_roles(doc, cands: list[Candidate]) -> list[Candidate]:
    """'UK, US and French special forces': the conjoined countries share the role noun of the last one."""
    for i in range(len(cands) - 2, -1, -1):
        cand, after = cands[i], cands[i + 1]
        between = [t.lower_ for t in doc[cand.end:after.start]]
        if cand.kind in COUNTRY_KINDS and cand.country and after.kind == "description" and after.sector \
                and not after.person and between and all(w in (",", "and", "or", "&") for w in between):
            cand.kind, cand.sector, cand.code = "description", after.sector, compose(cand.country, after.sector)
    return cands


def _name_goes_on(doc, ent, span) -> bool:
    """The entity continues the name with a capitalised word right before or after it ("Ivanka Trump",
    "Jordan Peterson"), rather than the model having swallowed a verb ("Ja'afari accused de Mistura")."""
    lex = dictionary.roles()
    before = doc[span.start - 1] if span.start > ent.start else None
    after = doc[span.end] if span.end < ent.end else None
    return any(t is not None and t.text[:1].isupper() and t.lower_.rstrip(".") not in lex["titles"]
               for t in (before, after))


def _title_words(tokens) -> bool:
    """Words that continue a title up to a name: 'of State', 'for Foreign Affairs' (none, or a few)."""
    return len(tokens) <= 4 and all(t.lower_ in ("of", "for", "the", "and") or t.text[:1].isupper() and t.is_alpha
                                    for t in tokens)


def _group_home(entry: Entry, article_codes: Counter) -> str:
    """A transnational group (Islamic State) is coded to the home country the article speaks about most."""
    best = max(entry.countries, key=lambda c: (article_codes.get(c, 0), -entry.countries.index(c)))
    return best if article_codes.get(best) else entry.code[:3]


def _merge_into_people(cands: list[Candidate], doc=None) -> list[Candidate]:
    """'U.S. President Donald Trump': the country's noun phrase and the listed person are one mention; so are
    'US Secretary of State Rex Tillerson' (a role description right before a name, title words between)."""
    cands.sort(key=lambda c: (c.start, -c.end))
    out: list[Candidate] = []
    for cand in cands:
        if doc is not None and out and cand.person and cand.proper and out[-1].person and not out[-1].proper \
                and out[-1].end <= cand.start and _title_words(doc[out[-1].end:cand.start]):
            prev = out[-1]
            cand.start = prev.start
            if not cand.code:
                cand.country, cand.sector = cand.country or prev.country, cand.sector or prev.sector
            out[-1] = cand
            continue
        if out and cand.start < out[-1].end:
            prev = out[-1]
            if prev.person and prev.code is None and cand.person and cand.code:
                cand.start = prev.start
                if not cand.sector:
                    cand.sector = prev.sector
                out[-1] = cand
            elif cand.end > prev.end and cand.person:
                cand.start = min(cand.start, prev.start)
                out[-1] = cand
            continue
        out.append(cand)
    return out


def _place_over(places, start: int, end: int):
    for place in places or ():
        if place.span.start < end and start < place.span.end:
            return place
    return None


def _claimed(cands: list[Candidate], start: int, end: int) -> bool:
    return any(c.start < end and start < c.end for c in cands)


def person_candidates(doc, cands: list[Candidate], places, trail) -> list[Candidate]:
    """PERSON entities not yet covered, coded by their role in context (nationality + role, or an appositive)."""
    lex = dictionary.roles()
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or _claimed(cands, ent.start, ent.end):
            continue
        if not any(t.pos_ == "PROPN" for t in ent):
            continue                             # the small model's false PERSONs on common words
        if any(p.span.start == ent.start_char and p.span.end == ent.end_char for p in places or ()):
            continue                             # "Baghuz": the geocoder knows it as a place
        if ent.root.dep_ in ("amod", "compound") and ent.root.head.pos_ == "NOUN" and ent.root.head.i >= ent.end:
            continue                             # "Calmer conditions", "Druze population": a modifier, no person
        start = ent.start
        while start < ent.end - 1 and doc[start].lower_.rstrip(".") in {t.rstrip(".") for t in lex["titles"]}:
            start += 1
        if not doc[start].text[:1].isupper():
            continue
        name_span = doc[start:ent.end]
        cand = Candidate(ent.start, ent.end, "name", person=True, head=ent.root.i, name=name_span.text, proper=True)
        cand.extra["gender"] = _gender_near(doc, ent)
        left = [t for t in doc[max(0, ent.start - 8):ent.start]]
        # Left role words without a country: "interim president Ahmed X", "Gen. Y", "Arab League
        # Secretary-General X" (words hanging on the name, or on words that do)
        run = []
        inside = set(range(ent.start, ent.end))
        for t in reversed(left):
            if (t.dep_ in MODIFIER_DEPS or t.dep_ == "punct" and t.text in "-–") and t.head.i in inside \
                    or t.lower_ in lex["titles"]:
                run.insert(0, t)
                inside.add(t.i)
            else:
                break
        if run and sector_of_tokens(run):
            cand.sector = sector_of_tokens(run)
            cand.start = run[0].i
        body = _body_in(cands, run)
        if body is not None:
            # "the SDF spokesman Mustafa Bali", "Hamas official X": a person speaks for the body they serve
            cand.code, cand.start = body.code, min(cand.start, body.start)
            out.append(cand)
            continue
        context = _appositive(doc, ent)
        body = _body_in(cands, context[0]) if context else None
        if body is not None:
            cand.code = body.code
            out.append(cand)
            continue
        if context is not None:
            app_tokens, app_head = context
            sector = sector_of_tokens([app_head]) or sector_of_tokens(app_tokens)
            cand.sector = cand.sector or sector
            for c in cands:
                if app_tokens and c.start >= app_tokens[0].i and c.end <= app_tokens[-1].i + 1 and c.country:
                    cand.country = c.country
                    cand.sector = cand.sector or c.sector
                    break
            if cand.country is None and cand.sector and app_tokens:
                place = _place_over(places, app_tokens[0].idx, app_tokens[-1].idx + len(app_tokens[-1]))
                if place is not None and place.country:
                    cand.country = place.country
        if cand.country is None:
            # "X, from Manchester" / "X of Kabul": where the text says the person comes from
            for prep in ent.root.children:
                if prep.dep_ == "prep" and prep.lower_ in ("from", "of") and prep.i < ent.end + 6:
                    for obj in prep.children:
                        place = _place_over(places, obj.idx, obj.idx + len(obj))
                        if obj.dep_ == "pobj" and place is not None and place.country:
                            cand.country = place.country
        if cand.country is None and cand.sector in ("GOV", "MIL", "SPY", "JUD", "LEG", "COP"):
            # An official with no nationality given: the country the sentence is about, when it names just one.
            sent = ent.sent
            countries = {c for pos, c, _ in trail if sent.start_char <= pos < sent.end_char}
            if len(countries) == 1:
                # "President X said Sudan would ...": an official speaks for the one country the sentence
                # names; with two ("the German government welcomed President X's ...") it would be a guess
                cand.country = countries.pop()
        if cand.country or cand.sector:
            cand.code = compose(cand.country, cand.sector)
        out.append(cand)
    return out


def _gender_near(doc, ent) -> Optional[str]:
    """'Mr X', 'X, an Australian woman', 'spokeswoman X': a gender for pronoun agreement, when the text gives one."""
    gender_of = dictionary.roles()["gender_of"]
    words = [doc[ent.start - 1]] if ent.start > 0 else []
    words += [t for t in ent]
    context = _appositive(doc, ent)
    if context is not None:
        words.append(context[1])
    for t in words:
        if t.lower_ in gender_of:
            return gender_of[t.lower_]
    return None


def _body_in(cands: list[Candidate], tokens) -> Optional[Candidate]:
    """A named body, group or institution from the dictionary among these tokens (its code is complete)."""
    if not tokens:
        return None
    lo, hi = tokens[0].i, tokens[-1].i + 1
    for c in cands:
        if c.kind == "group" and c.code and not c.person and lo <= c.start and c.end <= hi:
            return c
    return None


def _appositive(doc, ent):
    """The noun phrase in apposition to a person (X, Turkey's foreign minister / The US secretary of state, X)."""
    root = ent.root
    head = None
    if root.dep_ == "appos" and root.head.i < ent.start:
        head = root.head
    else:
        for child in root.children:
            if child.dep_ == "appos" and child.i >= ent.end:
                head = child
                break
    if head is None:
        return None
    tokens = [t for t in head.subtree if not (ent.start <= t.i < ent.end)]
    if head.i > ent.start:                       # after the name: stop at the next comma after the head
        cut = [t for t in tokens if t.i > head.i and t.text in {",", ";", "(", "—", "–"}]
        if cut:
            tokens = [t for t in tokens if t.i < cut[0].i]
    else:
        tokens = [t for t in tokens if t.i < ent.start]
    return tokens, head


def coreference_candidates(doc, cands: list[Candidate]) -> list[Candidate]:
    """Pronouns, capitalised tokens that may be a known surname, definite descriptions and 'the two X'."""
    lex = dictionary.roles()
    out = []
    for token in doc:
        if _claimed(cands, token.i, token.i + 1) or _claimed(out, token.i, token.i + 1):
            continue
        low = token.lower_
        if low in lex["person_pronouns"] and token.pos_ == "PRON":
            out.append(Candidate(token.i, token.i + 1, "pronoun", head=token.i))
        elif low in lex["group_pronouns"] and token.pos_ == "PRON":
            out.append(Candidate(token.i, token.i + 1, "group_pronoun", head=token.i))
        elif token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN") and (token.is_alpha or "-" in token.text):
            # a capitalised word may be a surname seen before ("Sharaa" is often tagged NOUN); kept only if so
            out.append(Candidate(token.i, token.i + 1, "surname", head=token.i, name=token.text))
        elif token.pos_ == "NOUN" and (token.lemma_.lower() in lex["description_heads"] or low in lex["description_heads"]) \
                and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their") for c in token.children):
            dets = [c for c in token.children if c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their")]
            if any(c.dep_ in MODIFIER_DEPS and _claimed(cands, c.i, c.i + 1) for c in token.children):
                continue
            start = dets[0].i
            out.append(Candidate(start + 1 if doc[start].lower_ == "the" else start, token.i + 1, "description",
                                 sector=sector_of_tokens([token]), head=token.i, name=None,
                                 person=is_person_role([token])))
        elif token.pos_ == "NOUN" and token.tag_ == "NNS" and sector_of_tokens([token]) in PEOPLE_SECTORS and \
                not any(c.dep_ in MODIFIER_DEPS and _claimed(cands, c.i, c.i + 1) for c in token.children):
            # "killed many people", "some of their fighters": unnamed people, coded from context
            poss = [c.i for c in token.children if c.dep_ == "poss" and c.lower_ in lex["group_pronouns"]]
            # "Darfur rebels": a place name before the noun stays in the mention
            start = min([c.i for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [token.i])
            out.append(Candidate(start, token.i + 1, "description", sector=sector_of_tokens([token]),
                                 head=token.i, extra={"poss": poss[0]} if poss else {}))
        elif token.pos_ == "NOUN" and low in lex["pair_heads"]:
            nums = [c for c in token.children if c.lower_ in lex["pair_words"]]
            if nums and any(c.lower_ == "the" for c in token.children) or \
                    nums and nums[0].lower_ == "both":
                start = min(c.i for c in token.children if c.i < token.i)
                out.append(Candidate(start, token.i + 1, "description", head=token.i, pair=True))
    return out


# ---------------------------------------------------------------- steps 2 and 3: country trail, ordered pass
def country_counts(doc, places) -> Counter:
    """How often each country is named (names, demonyms, capitals, geocoded places): the article's context."""
    counts: Counter = Counter()
    for span in dictionary_matches(doc):
        if span.label_ == "ACTOR":
            entries = dictionary.candidates(span.text)
            if entries and entries[0].kind in COUNTRY_KINDS:
                counts[entries[0].country] += 1
    for place in places or ():
        if place.country:
            counts[place.country] += 1
    return counts


def _sentence_bounds(doc, token_i: int) -> tuple[int, int]:
    sent = doc[token_i].sent
    return sent.start_char, sent.end_char


def context_country(doc, cand: Candidate, trail, counts: Counter, window: int = 600,
                    prefer: Optional[str] = None, sentence_only: bool = False) -> Optional[str]:
    """The country a group word or bare description belongs to, from the country trail around it.

    ``prefer="places"`` (people, fighters, civilians): they are where the text places them ("a Kurdish enclave
    inside Syria"), while the actors named beside them are often the ones acting on them ("Turkey shelled ...").
    ``prefer="actors"`` (a government, an army): the state last named as an actor ("the government says").
    Otherwise: the nearest country named before it in its sentence, else shortly before, else after it in the
    sentence, else the article's most named one."""
    allowed = set(cand.countries)
    pos = doc[cand.start].idx
    s_start, s_end = _sentence_bounds(doc, cand.start)
    first = doc[cand.start].sent.start
    prev_start = doc[first - 1].sent.start_char if first > 0 else s_start
    own = range(pos, doc[cand.end - 1].idx + len(doc[cand.end - 1]))
    fits = [(p, c, is_place) for p, c, is_place in trail if (not allowed or c in allowed) and p not in own]
    preferred = [f for f in fits if f[2] == (prefer == "places")] if prefer else []
    steps = []                                   # (entries, from, to, nearest-last?)
    if prefer:
        steps.append((preferred, s_start, pos, True))
        if prefer == "places":
            steps.append((preferred, pos, s_end, False))
        if not sentence_only:
            steps.append((preferred, prev_start, pos, True))
    steps.append((fits, s_start, pos, True))
    if not sentence_only:
        steps.append((fits, pos - window, pos, True))
    steps.append((fits, pos, s_end, False))
    for entries, lo, hi, last in steps:
        found = [c for p, c, _ in entries if lo <= p < hi]
        if found:
            return found[-1] if last else found[0]
    if sentence_only:
        return None
    ranked = [c for c, _ in counts.most_common() if not allowed or c in allowed]
    if ranked:
        return ranked[0]
    return cand.countries[0] if cand.countries else None


def _name_keys(name: Optional[str]) -> list[str]:
    """Keys a later short mention may use: the full name, the surname, the surname without al-/el-."""
    if not name:
        return []
    words = [w for w in name.replace("’", "'").split() if w]
    titles = {t.rstrip(".") for t in dictionary.roles()["titles"]}
    while len(words) > 1 and words[0].lower().rstrip(".") in titles:
        words = words[1:]
    keys = [" ".join(words).lower()]
    if len(words) > 1:
        last = words[-1].lower()
        keys.append(last)
        for prefix in ("al-", "el-", " al ", "bin "):
            if last.startswith(prefix):
                keys.append(last[len(prefix):])
    return keys


def _first_name(name: Optional[str]) -> Optional[str]:
    words = (name or "").split()
    titles = {t.rstrip(".") for t in dictionary.roles()["titles"]}
    while words and words[0].lower().rstrip(".") in titles:
        words = words[1:]
    return words[0].lower() if len(words) > 1 and words[0][:1].isupper() and len(words[0]) > 2 else None


def _pronoun_antecedent(doc, cand: Candidate, persons: list[tuple[int, Candidate]],
                        genders: Optional[dict] = None, out=None) -> Optional[int]:
    """Nearest compatible person: a subject in the same sentence, else the subject (or last person) of the
    previous sentences (simple salience: subjects before others, the main clause before subordinate ones)."""
    sent = doc[cand.start].sent
    sentences = list(doc.sents)
    here = next(i for i, s in enumerate(sentences) if s.start == sent.start)
    for back in range(0, 3):
        if here - back < 0:
            break
        s = sentences[here - back]
        found = [(i, c) for i, c in persons if s.start <= c.start < s.end and c.end <= cand.start]
        if genders is not None and out is not None:
            # he/she agreement with what the text has told about each person so far
            wanted = dictionary.roles()["gender_of"].get(doc[cand.start].lower_)
            found = [(i, c) for i, c in found if genders.get(_root(out, i)) in (None, wanted)]
        if not found:
            continue
        subjects = [(i, c) for i, c in found if doc[c.head].dep_ in SUBJECT_DEPS]
        main = [(i, c) for i, c in subjects if doc[c.head].head.dep_ == "ROOT"]
        pick = (main or subjects or found[-1:])
        return pick[0][0] if main or subjects else pick[-1][0]
    return None


def _appos_child(token) -> int:
    return next((c.i for c in token.children if c.dep_ == "appos"), -1)


def _root(out: list[ActorMention], index: int) -> int:
    while out[index].refers_to is not None:
        index = out[index].refers_to
    return index


def home_country(places, share: float = 0.6, least: int = 3) -> Optional[str]:
    """The country a local story happens in: the one most geocoded places belong to, when it clearly dominates."""
    countries = Counter(p.country for p in places or () if p.country)
    if sum(countries.values()) < least:
        return None
    country, n = countries.most_common(1)[0]
    return country if n / sum(countries.values()) >= share else None


def ordered_pass(doc, cands: list[Candidate], trail, counts: Counter, home: Optional[str] = None
                 ) -> list[ActorMention]:
    trail = list(trail)
    out: list[ActorMention] = []
    memory: dict[str, int] = {}
    first_names: dict[str, set] = {}
    genders: dict[int, Optional[str]] = {}
    persons: list[tuple[int, Candidate]] = []
    bodies: list[tuple[int, Candidate]] = []       # groups and plural descriptions: antecedents of "they"

    def emit(cand: Candidate, code: str, kind: str, refers_to=None, name=None, wikidata=None) -> int:
        start, end = doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1])
        out.append(ActorMention(Span(start, end, doc.text[start:end]), code or "---", name, wikidata, refers_to, kind))
        if country_of(code) and kind in ("name", "pronoun", "group"):
            # people and groups resolved so far are context for later group words ("he ... the Druze population")
            bisect.insort(trail, (start, country_of(code), False))
        if kind in ("group", "description") and not cand.person and not cand.pair:
            bodies.append((len(out) - 1, cand))
        return len(out) - 1

    for cand in sorted(cands, key=lambda c: (c.start, c.end)):
        if cand.kind == "pronoun":
            ante = _pronoun_antecedent(doc, cand, persons, genders, out)
            if ante is not None:
                root = _root(out, ante)
                emit(cand, out[root].code, "pronoun", ante, out[root].name, out[root].wikidata)
                genders.setdefault(root, dictionary.roles()["gender_of"].get(doc[cand.start].lower_))
            continue
        if cand.kind == "group_pronoun":
            # "they" often means talks or reports: only a named body or a subject is taken as its antecedent
            named = [(i, c) for i, c in bodies if c.code or doc[c.head].dep_ in SUBJECT_DEPS]
            ante = _pronoun_antecedent(doc, cand, named)
            if ante is not None:
                root = _root(out, ante)
                emit(cand, out[root].code, "pronoun", ante, out[root].name, out[root].wikidata)
            continue
        if "poss" in cand.extra:
            # "their fighters": the fighters of whoever "their" is
            owner = next((i for i, m in enumerate(out) if m.span.start == doc[cand.extra["poss"]].idx), None)
            if owner is not None and out[owner].code[3:] not in STATE_SECTORS:
                emit(cand, out[owner].code, "description", owner, out[owner].name)
                continue
        if cand.kind == "surname":
            key = cand.name.lower().replace("’", "'") if cand.name else ""
            if key not in memory and len(first_names.get(key, ())) == 1:
                memory[key] = next(iter(first_names[key]))
            if key in memory:
                root = memory[key]
                index = emit(cand, out[root].code, "name", root, out[root].name, out[root].wikidata)
                persons.append((index, cand))
            continue
        if cand.kind == "description" and cand.pair:
            seen: list[int] = []
            for i in range(len(out) - 1, -1, -1):
                country = country_of(out[i].code)
                if country and out[i].kind in COUNTRY_KINDS + ("group", "description", "name") and \
                        country not in {country_of(out[j].code) for j in seen}:
                    seen.append(i)
                if len(seen) == 2:
                    break
            for i in reversed(seen):
                emit(cand, out[i].code[:3], "description", i, out[i].name)
            continue
        if cand.kind == "description" and cand.country is None:
            if cand.person:
                # "the president": the last person mentioned in that role
                prior = [i for i, c in reversed(persons) if c.sector == cand.sector or
                         (out[i].code[3:6] == cand.sector)]
                if prior:
                    root = _root(out, prior[0])
                    emit(cand, out[root].code, "description", root, out[root].name, out[root].wikidata)
                    continue
            # "the militias" → the last militia named shortly before (never a person: "the new leadership"
            # after "the fall of Bashar al-Assad" is not Assad)
            start_char = doc[cand.start].idx
            kin = SECTOR_KIN.get(cand.sector, {cand.sector})
            prior = next((i for i in range(len(out) - 1, -1, -1)
                          if out[i].code[3:] in kin and cand.sector and country_of(out[i].code)
                          and out[i].kind not in ("name", "pronoun") and out[i].span.start > start_char - 1500),
                         None)
            if prior is not None:
                emit(cand, out[prior].code, "description", prior, out[prior].name)
                continue
            prefer = "actors" if cand.sector in STATE_SECTORS else "places"
            country = context_country(doc, cand, trail, counts, prefer=prefer)
            emit(cand, compose(country, cand.sector), "description")
            continue
        if cand.person and not cand.proper and (cand.country or cand.code):
            # "Turkey's foreign minister": a role description; in apposition to a name it is that person
            code = cand.code or compose(cand.country, cand.sector)
            head = doc[cand.head]
            near = [i for i, c in persons if c.proper and (head.dep_ == "appos" and c.start <= head.head.i < c.end
                                                          or c.start <= _appos_child(head) < c.end)]
            index = emit(cand, code, "description", near[-1] if near else None, cand.name, None)
            persons.append((index, cand))
            continue
        if cand.person:
            keys = _name_keys(cand.name)
            # "Gary Chan" after "Ben Chan" is someone else: a surname alone links, a full name must match whole
            ante = memory.get(keys[0]) if keys else None
            if ante is None and len(keys) > 1 and len(cand.name.split()) == 1:
                ante = next((memory[k] for k in keys[1:] if k in memory), None)
            if ante is None and len(keys) == 1 and len(first_names.get(keys[0], ())) == 1:
                ante = next(iter(first_names[keys[0]]))     # "Daniel", once "Daniel Montalvo" was named
            refers_to = None
            code = cand.code or (compose(cand.country, cand.sector) if cand.country or cand.sector else None)
            if home and (code is None or code.startswith("---")) and ante is None and len(keys) > 1:
                # a private person in a local story (a defendant in Los Angeles) belongs to where it happens
                code = compose(home, cand.sector or "CVL")
            name, wikidata = cand.name, cand.wikidata
            if ante is not None and (code is None or country_of(code) in (None, country_of(out[ante].code))):
                refers_to, code = ante, out[ante].code
                name, wikidata = out[ante].name, out[ante].wikidata
            index = emit(cand, code or "---", "name", refers_to, name, wikidata)
            if cand.extra.get("gender"):
                genders.setdefault(index if refers_to is None else refers_to, cand.extra["gender"])
            for key in keys:
                memory.setdefault(key, index if refers_to is None else refers_to)
            first = _first_name(cand.name)
            if first and refers_to is None:
                # a first name alone ("Daniel") is a key only while one person in the text carries it
                first_names.setdefault(first, set()).add(index)
            persons.append((index, cand))
            continue
        if cand.kind in COUNTRY_KINDS and doc[cand.start:cand.end].text.lower() in memory:
            # "Valeska Paris ... Paris claims": a name seen as a person's surname is that person
            root = memory[doc[cand.start:cand.end].text.lower()]
            index = emit(cand, out[root].code, "name", root, out[root].name, out[root].wikidata)
            persons.append((index, cand))
            continue
        if cand.countries and cand.code:
            # a transnational group (Islamic State) where this sentence places it, else the article's home for it
            local = context_country(doc, cand, trail, counts, prefer="places", sentence_only=True)
            code = compose(local or cand.country, cand.sector)
        elif cand.code is None:
            country = cand.country or context_country(doc, cand, trail, counts,
                                                      prefer="places" if cand.kind == "group" else None)
            code = compose(country, cand.sector)
        else:
            code = cand.code
        index = emit(cand, code, cand.kind, None, cand.name, cand.wikidata)
        if cand.person:
            persons.append((index, cand))
    return out


def resolve_doc(doc, places=(), language: Optional[str] = "en") -> list[ActorMention]:
    """Every actor mention in a parsed Doc, sorted by start, with refers_to links.

    In other languages only dictionary names (with their translated country names) are coded: the role
    lexicon and the English model's PERSON entities do not carry over."""
    try:
        counts = country_counts(doc, places)
        english = (language or "en") == "en"
        cands, trail = anchor_candidates(doc, counts, places, use_entities=english)
        # geocoded towns and regions mark where things are; a country name may be an actor ("Turkey said")
        trail += [(p.span.start, p.country, True) for p in places or () if p.country and p.kind != "country"]
        trail.sort()
        if english:
            cands += person_candidates(doc, cands, places, trail)
        cands += coreference_candidates(doc, cands)
        return ordered_pass(doc, cands, trail, counts, home_country(places))
    finally:
        # the per-Doc indexes hold Spans: drop them so the Doc stays picklable and small
        doc.user_data.pop("eventwire.actor_matches", None)
        doc.user_data.pop("eventwire.ent_of", None)
