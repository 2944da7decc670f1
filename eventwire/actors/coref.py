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
