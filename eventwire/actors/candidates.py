"""Step 1 of the actor pass: candidate mentions over the spaCy Doc — dictionary matches expanded to their noun
phrase ("the Israeli foreign ministry" → ISRGOV), group words (Druze, Kurdish), PERSON entities coded by their
role in context, surname-like tokens, pronouns and descriptions. Codes that need context stay None here."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from eventwire.actors import dictionary
from eventwire.actors.dictionary import COUNTRY_KINDS, NON_COUNTRY_PREFIXES, Entry
from eventwire.nlp.names import elided_name

# Dependency labels of a word that modifies the noun it hangs on (its noun phrase goes on to that noun).
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Entity labels under which a capital's name is part of another name (the Washington Post, Moscow Metro).
NAME_LABELS = {"ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# Plural nouns for people who are actors without a name: "civilians", "fighters", "protesters", "journalists".
PEOPLE_SECTORS = {"CVL", "REB", "INS", "OPP", "MED"}
# "the militants" after "Isis": news uses rebel/militant/fighter words for any armed group, insurgents included;
# but "extremists", "jihadists", "terrorists" name an insurgent group, never the rebel force fighting it.
SECTOR_KIN = {"REB": {"REB", "INS"}, "INS": {"INS"}}


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
                    if size == 1 and seq[0] in lex["speaker_heads"] and end > 1:
                        # "rebel leader", "intelligence officials": whom they speak for names the sector
                        before = sector_of_tokens(tokens[:end - 1])
                        if before is not None:
                            return before
                    return sector_of[phrase]
    return None


def is_person_role(tokens) -> bool:
    lex = dictionary.roles()
    return any(t.lemma_.lower() in lex["person_roles"] or t.lower_ in lex["person_roles"] for t in tokens)


def role_word(tokens) -> Optional[str]:
    """The person role a run of words names ('president', 'foreign minister' → 'minister'), the last one."""
    roles = dictionary.roles()["person_roles"]
    tokens = list(tokens)
    for end in range(len(tokens), 0, -1):
        for size in (3, 2, 1):             # the longest role ending here: "prime minister" is not "minister"
            if size > end:
                continue
            run = tokens[end - size:end]
            for words in ([t.lower_ for t in run], [t.lower_ for t in run[:-1]] + [run[-1].lemma_.lower()]):
                if " ".join(words) in roles:
                    return " ".join(words)
    return None


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
    return filter_spans(_joined_aliases(doc, spans))


def match_entries(span) -> list[Entry]:
    """The dictionary entries of an ACTOR match (a joined match keeps the alias it was made from)."""
    return dictionary.candidates(span.kb_id_ or span.text)


def _joined_aliases(doc, spans):
    """Overlapping aliases of one entry are one mention: 'Crown Prince Mohammed' + 'Mohammed bin Salman'."""
    from spacy.tokens import Span as DocSpan
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    out = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == span.label_ == "ACTOR" and prev.start < span.start < prev.end < span.end:
            mine, theirs = match_entries(span), match_entries(prev)
            if mine and theirs and mine[0] == theirs[0]:
                out[-1] = DocSpan(doc, prev.start, span.end, label="ACTOR", kb_id=prev.kb_id_ or prev.text)
                continue
        out.append(span)
    return out


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
                      ) -> tuple[list[Candidate], list[tuple[int, str, bool]]]:
    """Dictionary and group-word matches, each expanded to its noun phrase; also returns the country trail:
    (char offset, country, is a place rather than an actor) for every country-bearing word."""
    cands: list[Candidate] = []
    trail: list[tuple[int, str, bool]] = []
    matches = dictionary_matches(doc)
    for span in matches:
        if span.label_ == "GROUP":
            cand = _group_word(doc, span)
        elif dictionary.is_acronym(span.text.strip()) and _shouting(doc, span):
            cand = None
        else:
            entry = _pick_entry(match_entries(span), article_codes)
            if entry.kind == "demonym" and span.start > 0 and doc[span.start - 1].lower_ == "ethnic":
                cand = _ethnic_minority(doc, span)
            elif entry.kind in COUNTRY_KINDS:
                cand = _country_word(doc, span, entry, matches, places, trail, use_entities)
            else:
                cand = _named_body(doc, span, entry, article_codes, trail, use_entities, places)
        if cand is not None:
            cands.append(cand)
    return _share_coordinated_roles(doc, _merge_into_people(cands, doc)), trail


def _group_word(doc, span) -> Optional[Candidate]:
    """'Druze factions' → ETH, 'Kurdish forces' → REB; the country comes later, from context."""
    lex = dictionary.roles()
    root = span.root
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
            return None                  # "Arab-Israeli war", "Sunni town": not an actor
        start, end = span.start, span.end   # "the Kurdish stronghold": the Kurds themselves
    return Candidate(start, end, "group", sector=role or info.get("sector", "ETH"), head=head.i,
                     countries=tuple(info.get("countries", ())), name=span.text)


def _ethnic_minority(doc, span) -> Candidate:
    """'ethnic Albanians in south Serbia': a minority, placed by context, not the state it is named after."""
    root = span.root
    head = _np_head(root)
    end = head.i + 1 if head.i != root.i else span.end
    role = sector_of_tokens(doc[span.end:end]) if end > span.end else None
    return Candidate(span.start - 1, end, "group", sector="REB" if role == "MIL" else role or "ETH",
                     head=head.i, name=span.text)


def _country_word(doc, span, entry: Entry, matches, places, trail: list, use_entities: bool
                  ) -> Optional[Candidate]:
    """A country, demonym or capital: bare ('Israel said'), the head of a noun phrase with a role word
    ('the Israeli foreign ministry' → ISRGOV, 'U.S. President X'), or the of-object of a role noun."""
    lex = dictionary.roles()
    root = span.root
    ent = _entity_at(doc, span.start) if use_entities else None
    # "Michael Jordan", "Jordan Henderson": a country name inside a person's name is the person.
    if ent is not None and ent.label_ == "PERSON" and _name_goes_on(doc, ent, span):
        return None
    # "The Washington Post": a capital inside an organisation's name is not its government.
    if (entry.kind == "capital" and ent is not None and ent.label_ in NAME_LABELS
            and (ent.end - ent.start) > (span.end - span.start)):
        return None
    place = _place_over(places, doc[span.start].idx, doc[span.end - 1].idx + len(doc[span.end - 1]))
    country = entry.country
    # Georgia the US state, Victoria the Australian state: the geocoder's reading of the same words wins.
    if place is not None and place.kind == "admin1" and place.country and place.country != country:
        country = place.country
    locative = root.dep_ == "pobj" and root.head.lower_ in lex["place_prepositions"]
    trail.append((doc[span.start].idx, country, locative))
    head = _np_head(root)
    inner = [o for o in matches if o.start >= span.end and o.end <= head.i]
    if any(o.label_ == "ACTOR" and not _posted_to(o, head) for o in inner):
        head = root                       # "Turkey's Syrian rebel allies": the nearer nationality wins
    if head.i != root.i and head.i >= span.end:
        start = _left_edge(doc, head, span.start)
        end = head.i + 1
        ent_h = _entity_at(doc, head.i)
        if ent_h is not None and ent_h.label_ == "PERSON":
            end = max(end, ent_h.end)
            role_tokens = [t for t in doc[start:ent_h.start] if t.i not in range(span.start, span.end)]
            return Candidate(start, end, "name", country=country, sector=sector_of_tokens(role_tokens),
                             person=True, head=head.i, name=ent_h.text, proper=True,
                             extra={"role": role_word(role_tokens)})
        role = sector_of_tokens([t for t in doc[span.end:end]]) or sector_of_tokens(doc[start:span.start])
        if role == "MIL" and any(o.label_ == "GROUP" for o in inner):
            role = "REB"                  # "Syrian Kurdish forces": an ethnic group's fighters
        if role:
            person = is_person_role([head]) and head.tag_ not in ("NNS", "NNPS")
            return Candidate(start, end, "description", country=country, sector=role, person=person,
                             head=head.i, name=entry.name, wikidata=None if person else entry.wikidata,
                             extra={"role": role_word([head])} if person else {})
    if entry.kind == "capital":
        if root.dep_ == "pobj" and root.head.lower_ in lex["locative_prepositions"]:
            return None                   # "in Damascus" is a place, not an actor
        if head.i != root.i:
            return None                   # "Damascus airport", "Moscow time"
    # "the president of Syria": a role noun with this country as its of-object
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        role_noun = root.head.head
        role = sector_of_tokens([role_noun])
        if role and role_noun.i < span.start:
            start = _left_edge(doc, role_noun, role_noun.i)
            return Candidate(start, span.end, "description", country=country, sector=role, head=role_noun.i,
                             name=entry.name, person=is_person_role([role_noun]))
    return Candidate(span.start, span.end, entry.kind, code=country, name=entry.name, wikidata=entry.wikidata,
                     country=country, head=root.i)


def _heads_another_name(doc, span) -> bool:
    """The alias is followed by 'of' and a capitalised word that is no country: the head of a longer name."""
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
        return False
    after = doc[span.end + 1]
    if after.lower_ == "the" and span.end + 2 < len(doc):
        after = doc[span.end + 2]
    return after.text[:1].isupper() and not any(e.kind in COUNTRY_KINDS for e in dictionary.candidates(after.text))


def _sentence_countries(doc, span, places) -> set:
    """Countries named in the sentence around a span: country words and geocoded places."""
    sent = doc[span.start].sent
    found = {e.country for m in dictionary_matches(doc) if sent.start <= m.start < sent.end and m.label_ == "ACTOR"
             for e in match_entries(m)[:1] if e.kind in COUNTRY_KINDS}
    found |= {p.country for p in places or () if sent.start_char <= p.span.start < sent.end_char and p.country}
    return found


def _posted_to(match, head) -> bool:
    """'Syria's UN envoy', 'the Russian Nato ambassador': an international body a country's diplomat is posted
    to, not whom they serve."""
    entries = match_entries(match)
    return bool(entries) and entries[0].code[:3] in ("UNO", "IGO") and \
        head.lemma_.lower() in dictionary.roles()["posted_roles"]


def _named_body(doc, span, entry: Entry, article_codes: Counter, trail: list, use_entities: bool,
                places=()) -> Optional[Candidate]:
    """Named bodies, groups and people from the dictionary keep their own code (a generic name such as
    'Democratic Party' takes the article's country; a transnational group its home country there)."""
    lex = dictionary.roles()
    root = span.root
    code, home, name = entry.code, None, entry.name
    if entry.kind != "person" and _heads_another_name(doc, span):
        return None                      # "Congress of National Dialogue", "Senate of Berlin": another body
    local = _sentence_countries(doc, span, places) if entry.generic else set()
    ranked = [c for c, _ in article_codes.most_common() if c in local]
    if entry.generic and ranked and not article_codes.get(entry.code[:3]) and \
            not any(e.kind in COUNTRY_KINDS for t in span for e in dictionary.candidates(t.text)):
        # "the Democratic Party" in a Hong Kong story is not the American one; without a country named
        # beside it a generic name keeps its listed home ("many in Congress" in a Syria story is the US one)
        code = compose(ranked[0], entry.code[3:])
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
            return None
        if ent is not None and ent.label_ == "PERSON" and _other_given_name(doc, ent, span, entry):
            return None                  # "Nasr al-Hariri" is not the listed Saad Hariri
        before = doc[start - 1] if start > 0 else None
        if before is not None and before.pos_ == "PROPN" and before.dep_ == "compound" and \
                before.head.i in range(start, end) and before.text[:1].isupper() and \
                before.lower_ not in lex["titles"] and sector_of_tokens([before]) is None and \
                not dictionary.candidates(before.text):
            return None                  # the same, when the model finds no entity at all
        start = _left_edge(doc, _np_head(root), start) if _np_head(root).i == root.i else start
        while start < span.start and doc[start].lower_ not in lex["titles"] and \
                sector_of_tokens([doc[start]]) is None and not dictionary.candidates(doc[start].text):
            start += 1
    if country_of(code) and not home:
        trail.append((doc[span.start].idx, country_of(code), False))
    return Candidate(start, end, "name" if person else "group", code=code, name=name,
                     wikidata=entry.wikidata if name == entry.name else None, country=country_of(code),
                     person=person, head=root.i, proper=person, countries=entry.countries if home else (),
                     sector=entry.code[3:] if home else None,
                     extra={"role": role_word(doc[start:span.start])} if person else {})


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


def _other_given_name(doc, ent, span, entry: Entry) -> bool:
    """The entity names someone else with the listed surname: before the surname, past its particles and
    hyphens ('al-', 'bin'), stands a capitalised given name other than the listed person's."""
    lex = dictionary.roles()
    i = span.start - 1
    while i >= ent.start and (doc[i].text in ("-", "'", "’") or doc[i].lower_ in lex["name_particles"]):
        i -= 1
    if i < ent.start or i == span.start - 1:
        return False                     # nothing skipped: _name_goes_on already judged the word right before
    given = doc[i]
    listed = entry.name.split()[0].lower() if entry.name else ""
    return given.text[:1].isupper() and given.lower_.rstrip(".") not in lex["titles"] and given.lower_ != listed


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
            if prev.extra.get("role") and not cand.extra.get("role"):
                cand.extra["role"] = prev.extra["role"]
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
        if not doc[start].text[:1].isupper() and not elided_name(doc[start].text) and \
                not (doc[start].lower_ in lex["name_particles"] and
                     any(t.text[:1].isupper() for t in doc[start:ent.end])):
            continue                             # "de Mistura", "bin Salman": a surname may open with a particle
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
        cand.extra["role"] = role_word(run)
        body = _body_in(cands, run)
        if body is not None:
            # "the SDF spokesman Mustafa Bali", "Hamas official X": a person speaks for the body they serve
            cand.code, cand.start = body.code, min(cand.start, body.start)
            out.append(cand)
            continue
        title = next((c for c in cands if c.kind == "description" and c.person and c.country and c.sector
                      and c.end == ent.start), None)
        if title is not None:
            # "Syria's UN envoy Bashar al-Ja'afari": the role description right before the name is theirs
            cand.code = compose(title.country, title.sector)
            cand.extra["role"] = cand.extra["role"] or title.extra.get("role")
            out.append(cand)
            continue
        context = _appositive(doc, ent)
        body = _body_in(cands, context[0], doc, context[1]) if context else None
        if body is not None:
            cand.code = body.code
            out.append(cand)
            continue
        if context is not None:
            app_tokens, app_head = context
            cand.extra["role"] = cand.extra["role"] or role_word([app_head])
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
        if cand.country is None:
            kin = _kin_of(doc, run, context)
            if kin is not None:
                cand.extra["kin_of"] = kin      # the ordered pass gives them the possessor's country
        if cand.country or cand.sector:
            cand.code = compose(cand.country, cand.sector)
        out.append(cand)
    return out


def _kin_of(doc, run, context) -> Optional[int]:
    """'Cantlie's sister Jessica', 'his father, Paul': the token of the person they are family of."""
    kin = dictionary.roles()["kin"]
    nouns = [t for t in run] + ([context[1]] if context else [])
    for noun in nouns:
        if noun.lemma_.lower() in kin or noun.lower_ in kin:
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner.i
    return None


def _gender_near(doc, ent) -> Optional[str]:
    """'Mr X', 'X, an Australian woman', 'spokeswoman X': a gender for pronoun agreement, when the text gives one."""
    gender_of = dictionary.roles()["gender_of"]
    words = [doc[ent.start - 1]] if ent.start > 0 else []
    words += [t for t in ent]
    context = _appositive(doc, ent)
    if context is not None:
        words.append(context[1])
    if ent.start > 1 and doc[ent.start - 1].lower_ in ("called", "named"):
        words.append(doc[ent.start - 1].head)      # "a son called Jerah", "his wife, named Asma"
    for t in words:
        if t.lower_ in gender_of:
            return gender_of[t.lower_]
    return None


def _body_in(cands: list[Candidate], tokens, doc=None, head=None) -> Optional[Candidate]:
    """A named body, group or institution from the dictionary among these tokens (its code is complete).
    With a head noun, only a body that qualifies it ("an SDF commander", "a spokesman for Hamas"), not one
    further down ("the journalist captured by Islamic State")."""
    if not tokens:
        return None
    lo, hi = tokens[0].i, tokens[-1].i + 1
    for c in cands:
        if not (c.kind == "group" and c.code and not c.person and lo <= c.start and c.end <= hi):
            continue
        if head is None:
            return c
        root = doc[c.head]
        if root.head.i == head.i and root.dep_ in MODIFIER_DEPS or \
                root.dep_ == "pobj" and root.head.lower_ in ("of", "for") and root.head.head.i == head.i:
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


def _name_word(text: str) -> bool:
    """Letters, with the hyphens and apostrophes of names: 'al-Assad', "Ja'afari", 'O’Neill'."""
    return any(ch.isalpha() for ch in text) and all(ch.isalpha() or ch in "-'’" for ch in text)


def coreference_candidates(doc, cands: list[Candidate]) -> list[Candidate]:
    """Pronouns, capitalised tokens that may be a known surname, definite descriptions and 'the two X'."""
    lex = dictionary.roles()
    out: list[Candidate] = []
    taken = {i for c in cands for i in range(c.start, c.end)}     # tokens already in a mention
    for token in doc:
        if token.i in taken or out and token.i < out[-1].end:
            continue
        low = token.lower_
        if low in lex["person_pronouns"] and token.pos_ == "PRON":
            out.append(Candidate(token.i, token.i + 1, "pronoun", head=token.i))
        elif low in lex["group_pronouns"] and token.pos_ == "PRON":
            out.append(Candidate(token.i, token.i + 1, "group_pronoun", head=token.i))
        elif low in lex["thing_pronouns"] and token.pos_ == "PRON":
            # "its troops", "its foreign minister": the owner's country with the noun's role
            owned = token.head if token.dep_ == "poss" and token.head.i > token.i else None
            role = sector_of_tokens([owned]) if owned is not None and owned.pos_ == "NOUN" else None
            end = owned.i + 1 if role and all(t.dep_ in MODIFIER_DEPS or t.dep_ == "det" or t.i == owned.i
                                              for t in doc[token.i + 1:owned.i + 1]) else token.i + 1
            out.append(Candidate(token.i, end, "thing_pronoun", head=token.i, sector=role if end > token.i + 1
                                 else None, person=bool(role) and is_person_role([owned])))
        elif (token.text[:1].isupper() or elided_name(token.text)) and token.pos_ in ("PROPN", "NOUN") \
                and _name_word(token.text) and not (token.tag_ == "NNS" and token.lemma_ != token.text):
            # a capitalised word may be a surname seen before ("Sharaa" is often tagged NOUN); kept only if so
            out.append(Candidate(token.i, token.i + 1, "surname", head=token.i, name=token.text))
        elif token.pos_ == "NOUN" and (token.lemma_.lower() in lex["description_heads"] or low in lex["description_heads"]) \
                and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their") for c in token.children):
            dets = [c for c in token.children if c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their")]
            if any(c.dep_ in MODIFIER_DEPS and c.i in taken for c in token.children):
                continue
            start = dets[0].i
            out.append(Candidate(start + 1 if doc[start].lower_ == "the" else start, token.i + 1, "description",
                                 sector=sector_of_tokens([token]), head=token.i, name=None,
                                 person=is_person_role([token]),
                                 extra={"role": role_word(doc[min([token.i] + [c.i for c in token.lefts
                                                                             if c.dep_ == "compound"]):token.i + 1])}))
        elif token.pos_ == "NOUN" and token.lemma_.lower() in lex["body_heads"] and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and \
                not any(c.dep_ in MODIFIER_DEPS for c in token.children):
            # "the group holding him": the named body before it (resolved in the ordered pass, else dropped)
            out.append(Candidate(token.i, token.i + 1, "body_ref", head=token.i))
        elif token.pos_ == "NOUN" and token.tag_ == "NNS" and sector_of_tokens([token]) in PEOPLE_SECTORS and \
                not any(c.dep_ in MODIFIER_DEPS and c.i in taken for c in token.children):
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
