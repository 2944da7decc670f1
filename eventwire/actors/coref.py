"""Step 3 of the actor pass: candidates in text order → ActorMentions, codes filled from context, and later
mentions (surnames, first names, pronouns, descriptions, "they") linked to their antecedents."""
from __future__ import annotations

import bisect
from collections import Counter
from typing import Optional

from eventwire.actors import dictionary
from eventwire.actors.candidates import (STATE_SECTORS, SECTOR_KIN, SUBJECT_DEPS, Candidate, compose,
                                         country_of)
from eventwire.actors.context import context_country
from eventwire.actors import dictionary
from eventwire.actors.dictionary import COUNTRY_KINDS
from eventwire.model import ActorMention, Span


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
        # "Staffan de Mistura" → "de Mistura" too: the surname with the particles that open it
        particles = dictionary.roles()["name_particles"]
        first = len(words) - 1
        while first > 1 and words[first - 1] in particles:
            first -= 1
        if first < len(words) - 1:
            keys.append(" ".join(words[first:]).lower())
    return keys


def _surname_only(name: str) -> bool:
    """'Sharaa', 'de Mistura', 'bin Salman': one name word, perhaps after lower-case particles."""
    particles = dictionary.roles()["name_particles"]
    return len([w for w in name.split() if w not in particles]) == 1


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
    clause_subject = _own_subject(doc[cand.start])
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
        found = [(i, c) for i, c in found if c.head not in clause_subject]
        if not found:
            continue
        subjects = [(i, c) for i, c in found if doc[c.head].dep_ in SUBJECT_DEPS]
        if not subjects:
            # a misparsed subject ("At one point Ja'afari accused ..." with the name read as an object of
            # "At"): in English word order a name right before the main verb (adverbs, auxiliaries between) is
            # its subject
            root = s.root.i
            subjects = [(i, c) for i, c in found if c.end <= root and
                        all(t.pos_ in ("ADV", "AUX", "PART") for t in doc[c.end:root])]
        main = [(i, c) for i, c in subjects if doc[c.head].head.dep_ == "ROOT"]
        pick = (main or subjects or found[-1:])
        return pick[0][0] if main or subjects else pick[-1][0]
    return None


def _own_subject(pronoun) -> set:
    """'Putin called him': an object pronoun is never the subject of its own verb (that would be 'himself')."""
    if pronoun.lower_ not in ("him", "her", "them") or pronoun.dep_ not in ("dobj", "dative", "pobj"):
        return set()
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    return {c.i for c in verb.children if c.dep_ in SUBJECT_DEPS}


def _appos_child(token) -> int:
    return next((c.i for c in token.children if c.dep_ == "appos"), -1)


def _root(out: list[ActorMention], index: int) -> int:
    while out[index].refers_to is not None:
        index = out[index].refers_to
    return index


def ordered_pass(doc, cands: list[Candidate], trail, counts: Counter, home: Optional[str] = None
                 ) -> list[ActorMention]:
    """The candidates in text order → ActorMentions, each coded and linked as its kind asks."""
    return _Pass(doc, trail, counts, home).run(cands)


class _Pass:
    """The state of one ordered pass: mentions so far and what later mentions may refer back to."""

    def __init__(self, doc, trail, counts: Counter, home: Optional[str]):
        self.doc, self.trail, self.counts, self.home = doc, list(trail), counts, home
        self.text = doc.text                             # Doc.text is rebuilt on each access
        self.out: list[ActorMention] = []
        self.memory: dict[str, int] = {}                 # name keys (full name, surname) → first mention
        self.first_names: dict[str, set] = {}
        self.genders: dict[int, Optional[str]] = {}
        self.persons: list[tuple[int, Candidate]] = []
        self.bodies: list[tuple[int, Candidate]] = []    # groups and plural descriptions: antecedents of "they"
        self.role_of: dict[int, str] = {}                # a person (root mention) → the role the text gave them
        self.later: dict[int, Candidate] = {}            # token → candidate covering it (for appositions ahead)

    def run(self, cands: list[Candidate]) -> list[ActorMention]:
        self.later = {i: c for c in cands if c.kind == "name" for i in range(c.start, c.end)}
        for cand in sorted(cands, key=lambda c: (c.start, c.end)):
            if cand.kind == "pronoun":
                self.pronoun(cand)
            elif cand.kind == "group_pronoun":
                self.group_pronoun(cand)
            elif cand.kind == "thing_pronoun":
                self.thing_pronoun(cand)
            elif cand.kind == "body_ref":
                self.body_ref(cand)
            elif "poss" in cand.extra and self.possessed(cand):
                pass
            elif cand.kind == "surname":
                self.surname(cand)
            elif cand.kind == "description" and cand.pair:
                self.pair(cand)
            elif cand.kind == "description" and cand.country is None:
                self.description(cand)
            elif cand.person and not cand.proper and (cand.country or cand.code):
                self.role_description(cand)
            elif cand.person:
                self.person(cand)
            elif cand.kind in COUNTRY_KINDS and self.doc[cand.start:cand.end].text.lower() in self.memory:
                self.surname(cand, key=self.doc[cand.start:cand.end].text.lower())
            else:
                self.plain(cand)
        return self.out

    def emit(self, cand: Candidate, code: str, kind: str, refers_to=None, name=None, wikidata=None) -> int:
        doc, out = self.doc, self.out
        start, end = doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1])
        out.append(ActorMention(Span(start, end, self.text[start:end]), code or "---", name, wikidata, refers_to,
                                kind))
        if country_of(code) and kind in ("name", "pronoun", "group"):
            # people and groups resolved so far are context for later group words ("he ... the Druze population")
            bisect.insort(self.trail, (start, country_of(code), False))
        if kind in ("group", "description") and not cand.person and not cand.pair:
            self.bodies.append((len(out) - 1, cand))
        return len(out) - 1

    def mention_at(self, token_i: int) -> Optional[int]:
        """The mention emitted so far that covers a token."""
        pos = self.doc[token_i].idx
        return next((i for i, m in enumerate(self.out) if m.span.start <= pos < m.span.end), None)

    def link(self, cand: Candidate, ante: int, kind: str) -> int:
        """A mention that stands for an earlier one: its code, name and Wikidata id, refers_to the antecedent."""
        root = _root(self.out, ante)
        return self.emit(cand, self.out[root].code, kind, ante, self.out[root].name, self.out[root].wikidata)

    def pronoun(self, cand: Candidate) -> None:
        ante = _pronoun_antecedent(self.doc, cand, self.persons, self.genders, self.out)
        if ante is not None:
            index = self.link(cand, ante, "pronoun")
            gender = dictionary.roles()["gender_of"].get(self.doc[cand.start].lower_)
            self.genders.setdefault(_root(self.out, ante), gender)
            if self.doc[cand.head].dep_ in SUBJECT_DEPS:
                # "She ... She ...": a resolved subject pronoun carries its person on to the next sentences
                self.persons.append((index, cand))

    def group_pronoun(self, cand: Candidate) -> None:
        # "they" often means talks or reports: only a named body or a subject is taken as its antecedent
        named = [(i, c) for i, c in self.bodies if c.code or self.doc[c.head].dep_ in SUBJECT_DEPS]
        ante = _pronoun_antecedent(self.doc, cand, named)
        if ante is not None:
            self.link(cand, ante, "pronoun")

    def thing_pronoun(self, cand: Candidate) -> None:
        """'its': the state or organisation named last before it in its sentence or the one before (the
        clause's subject first); 'its troops' takes that country with the noun's role."""
        doc, out = self.doc, self.out
        sent = doc[cand.start].sent
        before = doc[sent.start - 1].sent if sent.start > 0 else sent
        pos = doc[cand.start].idx
        things = [i for i, m in enumerate(out) if before.start_char <= m.span.start and m.span.end <= pos
                  and m.kind in COUNTRY_KINDS + ("group", "description") and not m.code.startswith("---")
                  and not self._is_person(i)]
        if not things:
            return
        things = [i for i in things if not self._is_locative(out[i])]       # "policy in Syria": a place
        if not things or self._unknown_owner_between(things[-1], cand):
            return
        here = [i for i in things if out[i].span.start >= sent.start_char]
        subjects = [i for i in here if self._is_subject(out[i])]
        parallel = self._parallel_owner(cand, things)
        ante = parallel if parallel is not None else (subjects or here or things)[-1]
        owner = out[_root(out, ante)]
        code = owner.code
        if cand.sector and country_of(code) and (code[3:] == "" or code[3:] in STATE_SECTORS):
            code = compose(country_of(code), cand.sector)      # a state's organs; a group keeps its own code
        index = self.link(cand, ante, "pronoun") if code == owner.code else \
            self.emit(cand, code, "description", ante, owner.name)
        if cand.person:
            self.persons.append((index, cand))

    def _parallel_owner(self, cand: Candidate, things: list[int]) -> Optional[int]:
        """'US recognition of X and its cut in aid', 'US policy in Syria, and especially its support': the
        owner of the noun that 'its' noun is conjoined with."""
        token = self.doc[cand.start]
        owned = token.head
        if token.dep_ != "poss" or owned.dep_ != "conj":
            return None
        first = owned.head
        owners = {c.idx for c in first.children if c.dep_ in ("poss", "compound", "amod") and c.i < first.i}
        for i in things:
            if any(self.out[i].span.start <= pos < self.out[i].span.end for pos in owners):
                return i
        return None

    def _unknown_owner_between(self, last: int, cand: Candidate) -> bool:
        """'urged Care International ... to close its office': an organisation we cannot code stands between
        the last known one and 'its', and is the likelier owner."""
        lo, hi = self.out[last].span.end, self.doc[cand.start].idx
        for ent in self.doc.ents:
            if ent.label_ in ("ORG", "GPE", "NORP") and lo <= ent.start_char and ent.end_char <= hi and \
                    not any(m.span.start < ent.end_char and ent.start_char < m.span.end for m in self.out):
                return True
        return False

    def _is_locative(self, mention: ActorMention) -> bool:
        span = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        lex = dictionary.roles()
        return span is not None and mention.kind in COUNTRY_KINDS and span.root.dep_ == "pobj" and \
            span.root.head.lower_ in lex["place_prepositions"]

    def _is_person(self, index: int) -> bool:
        return any(i == index for i, _ in self.persons)

    def _is_subject(self, mention: ActorMention) -> bool:
        span = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in SUBJECT_DEPS

    def body_ref(self, cand: Candidate, window: int = 1500) -> None:
        """'the group', 'the organisation': the last named body (Isis, Hamas, the SDF) shortly before."""
        start = self.doc[cand.start].idx
        prior = next((i for i in range(len(self.out) - 1, -1, -1)
                      if self.out[i].kind == "group" and self.out[i].name and self.out[i].span.start > start - window
                      and not self.out[i].code.startswith("---")), None)
        if prior is not None:
            self.emit(cand, self.out[prior].code, "description", prior, self.out[prior].name)

    def possessed(self, cand: Candidate) -> bool:
        """'their fighters': the fighters of whoever 'their' is (not for state roles)."""
        owner = self.mention_at(cand.extra["poss"])
        if owner is None or self.out[owner].code[3:] in STATE_SECTORS:
            return False
        self.emit(cand, self.out[owner].code, "description", owner, self.out[owner].name)
        return True

    def surname(self, cand: Candidate, key: Optional[str] = None) -> None:
        """'Sharaa', 'Mr Mattis', 'Daniel', or 'Paris' once 'Valeska Paris' was named: a known person."""
        key = key or (cand.name.lower().replace("’", "'") if cand.name else "")
        if key not in self.memory and len(self.first_names.get(key, ())) == 1:
            self.memory[key] = next(iter(self.first_names[key]))
        if key in self.memory:
            index = self.link(cand, self.memory[key], "name")
            self.persons.append((index, cand))

    def pair(self, cand: Candidate) -> None:
        """'the two long-time adversaries': one mention for each of the last two countries named."""
        out, seen = self.out, []
        for i in range(len(out) - 1, -1, -1):
            country = country_of(out[i].code)
            if country and out[i].kind in COUNTRY_KINDS + ("group", "description", "name") and \
                    country not in {country_of(out[j].code) for j in seen}:
                seen.append(i)
            if len(seen) == 2:
                break
        for i in reversed(seen):
            self.emit(cand, out[i].code[:3], "description", i, out[i].name)

    def description(self, cand: Candidate) -> None:
        """'the president', 'the militias', 'the new leadership': an earlier mention in that role, else the
        country from context."""
        out = self.out
        if cand.person:
            named = self._apposed_name(cand)
            if named is not None and named.code:
                # "the president, Bashar al-Assad": the name right after says who
                self.emit(cand, named.code, "description", None, named.name, named.wikidata)
                return
            prior = self._person_in_role(cand)
            if prior is not None:
                root = _root(out, prior)
                self.emit(cand, out[root].code, "description", root, out[root].name, out[root].wikidata)
                return
        # "the militias" → the last militia named shortly before (never a person: "the new leadership"
        # after "the fall of Bashar al-Assad" is not Assad)
        start_char = self.doc[cand.start].idx
        kin = SECTOR_KIN.get(cand.sector, {cand.sector})
        prior = next((i for i in range(len(out) - 1, -1, -1)
                      if out[i].code[3:] in kin and cand.sector and country_of(out[i].code)
                      and out[i].kind not in ("name", "pronoun") and out[i].span.start > start_char - 1500), None)
        if prior is not None:
            self.emit(cand, out[prior].code, "description", prior, out[prior].name)
            return
        # an opposition is a party to its country's politics: the state it opposes, not where it is met
        prefer = "actors" if cand.sector in STATE_SECTORS or cand.sector == "OPP" else "places"
        country = context_country(self.doc, cand, self.trail, self.counts, prefer=prefer)
        self.emit(cand, compose(country, cand.sector), "description")

    def _apposed_name(self, cand: Candidate) -> Optional[Candidate]:
        head = self.doc[cand.head]
        child = _appos_child(head)
        return self.later.get(child) if child > head.i else None

    def _person_in_role(self, cand: Candidate) -> Optional[int]:
        """'the president': the last person the text gave that role, else the last one of that sector whose
        role it did not say; never one it gave another role ('the president' is not the security minister)."""
        role = cand.extra.get("role")
        unknown = None
        for i, c in reversed(self.persons):
            known = self.role_of.get(_root(self.out, i))
            if role and known == role:
                return i
            if unknown is None and (known is None or not role) and \
                    (c.sector == cand.sector or self.out[i].code[3:6] == cand.sector):
                unknown = i
        return unknown

    def remember_role(self, index: int, cand: Candidate) -> None:
        if cand.extra.get("role"):
            self.role_of.setdefault(_root(self.out, index), cand.extra["role"])

    def role_description(self, cand: Candidate) -> None:
        """'Turkey's foreign minister': a role description; in apposition to a name it is that person."""
        code = cand.code or compose(cand.country, cand.sector)
        head = self.doc[cand.head]
        near = [i for i, c in self.persons if c.proper and (head.dep_ == "appos" and c.start <= head.head.i < c.end
                                                           or c.start <= _appos_child(head) < c.end)]
        index = self.emit(cand, code, "description", near[-1] if near else None, cand.name, None)
        self.persons.append((index, cand))
        self.remember_role(index, cand)

    def person(self, cand: Candidate) -> None:
        """A person's name: the same person as an earlier mention, or a new one remembered for later."""
        out, memory = self.out, self.memory
        keys = _name_keys(cand.name)
        # "Gary Chan" after "Ben Chan" is someone else: a surname alone links, a full name must match whole
        ante = memory.get(keys[0]) if keys else None
        if ante is None and cand.name and _surname_only(cand.name):
            ante = next((memory[k] for k in keys[1:] if k in memory), None)
        if ante is None and len(keys) == 1 and len(self.first_names.get(keys[0], ())) == 1:
            ante = next(iter(self.first_names[keys[0]]))     # "Daniel", once "Daniel Montalvo" was named
        refers_to = None
        code = cand.code or (compose(cand.country, cand.sector) if cand.country or cand.sector else None)
        if "kin_of" in cand.extra and (code is None or code.startswith("---")):
            owner = self.mention_at(cand.extra["kin_of"])
            if owner is not None and country_of(self.out[owner].code):
                code = compose(country_of(self.out[owner].code), cand.sector or "CVL")
        if self.home and (code is None or code.startswith("---")) and ante is None and len(keys) > 1:
            # a private person in a local story (a defendant in Los Angeles) belongs to where it happens
            code = compose(self.home, cand.sector or "CVL")
        name, wikidata = cand.name, cand.wikidata
        if ante is not None and (code is None or country_of(code) in (None, country_of(out[ante].code))):
            refers_to, code = ante, out[ante].code
            name, wikidata = out[ante].name, out[ante].wikidata
        index = self.emit(cand, code or "---", "name", refers_to, name, wikidata)
        if cand.extra.get("gender"):
            self.genders.setdefault(index if refers_to is None else refers_to, cand.extra["gender"])
        for key in keys:
            memory.setdefault(key, index if refers_to is None else refers_to)
        first = _first_name(cand.name)
        if first and refers_to is None:
            # a first name alone ("Daniel") is a key only while one person in the text carries it
            self.first_names.setdefault(first, set()).add(index)
        self.persons.append((index, cand))
        self.remember_role(index, cand)

    def plain(self, cand: Candidate) -> None:
        """Countries, bodies and group words: their own code, or the country their context gives."""
        if cand.countries and cand.code:
            # a transnational group (Islamic State) where this sentence places it, else the article's home for it
            local = context_country(self.doc, cand, self.trail, self.counts, prefer="places", sentence_only=True)
            code = compose(local or cand.country, cand.sector)
        elif cand.code is None:
            country = cand.country or self._homeland(cand) or \
                context_country(self.doc, cand, self.trail, self.counts,
                                prefer="places" if cand.kind == "group" else None)
            code = compose(country, cand.sector)
        else:
            code = cand.code
        self.emit(cand, code, cand.kind, None, cand.name, cand.wikidata)

    def _homeland(self, cand: Candidate) -> Optional[str]:
        """A people living in several states (Kurds, Druze, Baloch): the state its own noun phrase names
        ('Turkish Kurds'), else the one the article places things in most. Never the nearest state named, which
        is as often the one fighting them ('Ankara says the Kurdish fighters are terrorists')."""
        if cand.kind != "group" or len(cand.countries) < 2:
            return None
        allowed = set(cand.countries)
        before = self.doc[cand.start - 1] if cand.start > 0 else None
        if before is not None:
            named = [c for p, c, _ in self.trail if p == before.idx and c in allowed]
            if named:
                return named[0]
        at = {p: c for p, c, _ in self.trail if c in allowed}
        head = self.doc[cand.head] if cand.head >= 0 else self.doc[cand.end - 1]
        for prep in head.children:          # "Kurds in Iraq": the place the phrase itself puts them
            if prep.dep_ == "prep" and prep.lower_ in dictionary.roles()["locative_prepositions"]:
                inside = [at[t.idx] for t in prep.subtree if t.idx in at]
                if inside:
                    return inside[0]
        # the article's focus: where its places are; a capital or country that acts ("Ankara says") is no place
        where = Counter(c for p, c, is_place in self.trail if is_place and c in allowed and not self._acts_at(p))
        if not where:
            return None
        ranked = sorted(where, key=lambda c: (where[c], self.counts.get(c, 0)), reverse=True)
        return ranked[0]

    def _acts_at(self, char: int) -> bool:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span is not None and (span.root.dep_ in SUBJECT_DEPS or span.root.dep_ == "poss")

