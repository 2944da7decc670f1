"""The event coder: fills Article.events from an annotated article (actors, places, times, spaCy Doc).

    code(article) -> Article

For each sentence: triggers (lexicon) → source/target (dependencies + actors/) → attribution → modality →
date and place → Event; repeats of one event are merged. Events need both a source and a target actor;
those whose actors could not be coded ("---", "---GOV") are dropped unless ``keep_unknown`` (they cannot
be used by anyone downstream and a coder that names no one is guessing).

Coding conventions beyond the parse (each where a coder would apply it, see the modules):
- an undated event is news of the publication day (month only for a past perfect);
- a material act with no named place happens in the target's country (in the country the report is about
  when foreign forces meet there); a country as a location carries no point;
- an agentless arrest or charge is by the authorities of the one arrested (XXXCOP / XXXJUD);
- a protest naming no addressee is against the state where it happens;
- an actor announcing its own conflictual act threatens; a negated concession or agreement is a refusal;
- a visit read from a verb of motion ("flew to Cairo") needs a state actor; a mediator naming no sides mediates
  the talks just told (one event); a threat targets the subject of its condition ("unless X ...");
- a state's envoy placed in a foreign country by a fronted "In <place>," visits its government when the clause
  names no one else he dealt with; a name the parser hangs on a fronted phrase ("At first X accused ...") is
  the subject of a verb left without one;
- lifting a sanction is a concession by whoever imposed it to those it hit, and a later "the ban" is the
  measure last told; a participle retelling a known act ("Cantlie, captured by Isis in 2012") merges with it.
"""
from __future__ import annotations

import os
from typing import Optional

from eventwire.errors import CodeError
from eventwire.events import arguments, attribution, merge, modality, triggers, when_where
from eventwire.events.lexicon import lexicon as load_lexicon, type_info
from eventwire.model import Article, Event, Span

__all__ = ["code", "code_rules"]

# Types where one side acting "with" the other says nothing of direction (meetings, clashes, alliances).
_SYMMETRIC_TYPES = {"CONSULT", "COOPERATE"}
# Material acts whose target may be read from where they happened ("airstrikes ... in Damascus").
_PLACE_TARGET_TYPES = {"ASSAULT", "COERCE", "MOBILIZE"}
_MAX_PAIRS = 6
# Conflictual acts that, announced by their own actor as what it will do, are threats (PLOVER THREATEN).
_THREAT_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
# Cooperative acts whose negation is itself an event: a refusal (PLOVER REJECT).
_REFUSABLE_TYPES = {"AGREE", "CONCEDE", "SUPPORT"}
_PRONOUNS = {"he", "she", "it", "they", "them", "him", "her", "his", "its", "their", "we", "us", "our"}


def _paragraph_of(text: str, start: int) -> int:
    return text.count("\n", 0, start)


def _sentences(doc):
    """spaCy's sentences, split again at line breaks: a paragraph never continues a sentence (the parser
    sometimes joins a closing quote to the next paragraph)."""
    for sentence in doc.sents:
        start = sentence.start
        for token in sentence:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    yield doc[start:token.i]
                start = token.i + 1
        if start < sentence.end:
            yield doc[start:sentence.end]


def _sentence_span(article: Article, sentence) -> Span:
    return Span.of(article.text, sentence.start_char, sentence.end_char)


def _speaker_arg(index, attr) -> Optional[arguments.Arg]:
    if attr is None or attr.speaker is None:
        return None
    return arguments.np_arg(index, attr.speaker)


def _confidence(trigger, source, target, explicit_date: bool, used_fallback: bool) -> float:
    score = 0.45
    score += 0.15 if trigger.pos == "VERB" else 0.1
    score += 0.1 if source.code != "---" and target.code != "---" else -0.2
    score += 0.05 if explicit_date else 0.0
    score -= 0.15 if used_fallback or target.from_place else 0.0
    return max(0.05, min(0.95, score))


def _complete_frame(article: Article, index, trig, frame, attr, sentence, focus):
    """Fills what the parse left open from the context: the speaker as a party to talks, a target deeper in
    the phrase, and targets read from where the event happened. Returns (location, its span, used_fallback)."""
    if not frame.sources and trig.symmetric and attr is not None:
        # "Sharaa confirmed that talks with Israel were underway": the speaker is a party to the talks
        speaker = _speaker_arg(index, attr)
        if speaker is not None and speaker.code != "---":
            frame.sources = [speaker]
    used_fallback = False
    if frame.sources and not frame.targets:
        fallback = arguments.fallback_target(index, trig, frame.sources[0])
        if fallback is not None:
            frame.targets, used_fallback = [fallback], True
    # The source's own name is not where it acted ("Israel conducted airstrikes"); the target's may be
    exclude = [(a.start, a.end) for a in frame.sources if not a.from_place]
    target_place = None
    if frame.targets and frame.targets[0].from_place:
        target_place = next((p for p in article.places if p.span.start == frame.targets[0].start), None)
    location, location_span = when_where.event_location(
        article, trig.token, sentence, trig.type, exclude, frame.targets[0].code if frame.targets else None,
        target_place, frame.sources[0].code if frame.sources else None, focus)
    if frame.sources and not frame.targets and location is not None and location.country:
        own_place = location_span is not None and when_where.place_in_clause(trig.token, location_span) \
            and not arguments.has_object(trig.token)   # "expected to meet relatives in Nairobi": not the hosts
        foreign = location.country != frame.sources[0].code[:3]
        visit = trig.mode == "visit" or when_where.clause_of(trig.token).lemma_ in load_lexicon().motion_verbs or \
            (location_span is not None and when_where.is_capital(location_span.text))
        if own_place and foreign and (trig.type in _PLACE_TARGET_TYPES or visit):
            # "airstrikes near the presidential palace in Damascus" hit Syria; "a visit to Egypt",
            # "a difficult conversation in Ankara" consult the hosts
            frame.targets = [arguments.Arg(location.country, location.name, -1, -1, None, True)]
    if frame.sources and not frame.targets and trig.type == "PROTEST":
        # A protest that names no addressee is against the state where it happens (CAMEO's convention)
        home = location.country if location is not None and location.country else frame.sources[0].code[:3]
        if home.isalpha() and len(home) == 3 and home not in ("IGO", "NGO", "UNO", "MNC") \
                and frame.sources[0].code != home + "GOV":
            frame.targets = [arguments.Arg(home + "GOV", f"(the government of {home})", -1, -1)]
    return location, location_span, used_fallback


def _the_parties(trig, recent: list[Event]) -> list:
    """"urged all sides to show restraint": the sides are the two of the conflict just told."""
    obj = next((c for c in trig.token.children if c.dep_ in ("dobj", "dative")), None) if trig.pos == "VERB" else None
    if obj is None or obj.lemma_.lower() not in ("side", "party") or \
            not any(c.lower_ in ("all", "both", "two", "warring", "the") for c in obj.children):
        return []
    conflict = next((e for e in reversed(recent) if e.type in ("ASSAULT", "COERCE", "THREATEN")), None)
    if conflict is None:
        return []
    return [arguments.Arg(conflict.source, conflict.source_text or conflict.source, -1, -1),
            arguments.Arg(conflict.target, conflict.target_text or conflict.target, -2, -2)]


def _is_journey(trig) -> bool:
    """A consultation read from a verb of motion ("travel to", "fly to"), not from "visit" or "meet"."""
    lemma = trig.token.lemma_.lower()
    return trig.type == "CONSULT" and trig.pos == "VERB" and lemma != "visit" and lemma in load_lexicon().motion_verbs


def _mediated_sides(trig, frame, recent: list[Event]) -> list:
    """"The UAE was playing a mediating role": a mediator that names no sides mediates in the talks just told
    (not when it is itself one of their parties)."""
    if trig.mode != "mediate":
        return []
    talks = next((e for e in reversed(recent) if e.type == "CONSULT" and e.mode != "mediate"), None)
    lead = frame.sources[0].code[:3]
    if talks is None or lead in (talks.source[:3], talks.target[:3]):
        return []
    # one mediation, one event: it is coded toward the side that opened the talks
    return [arguments.Arg(talks.source, talks.source_text or talks.source, -1, -1)]


_DEFINITE = {"the", "this", "that", "these", "those", "its", "their"}


def _inside_subject(token, top=None) -> bool:
    """Whether a verb sits inside a noun phrase that is a subject ("any decision to lift the embargo should ..."):
    named there, the act is neither done nor asked for."""
    for anc in token.ancestors:
        if anc is top:
            return False
        if anc.pos_ == "NOUN" and anc.dep_ in ("nsubj", "nsubjpass"):
            return True
    return False


def _lifted_in(trig):
    """The definite measure a trigger lifts, or asks or promises to lift ("called for the embargo to be lifted",
    "pledged to work towards lifting the ban"), or None."""
    if trig.pos != "VERB" or trig.type not in ("CONCEDE", "REQUEST", "AGREE"):
        return None
    scope = [trig.token] if trig.type == "CONCEDE" else \
        [t for t in trig.token.subtree if t.i != trig.token.i and triggers.concedes(t) and not _inside_subject(t, trig.token)]
    for verb in scope:
        measure = triggers.lifted_measure(verb)
        if measure is not None and any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE
                                       for c in measure[0].children):
            return measure[0]
    return None


def _recall_measure(trig, frame, measures: list) -> bool:
    """Remembers who imposed which measure on whom, and gives a later "the ban", "the sanctions" whose parties
    the sentence does not name the parties of the measure last told. True when it did (the act refers back)."""
    lifted = _lifted_in(trig)
    if frame.sources and frame.targets and (trig.type == "SANCTION" or (
            trig.type == "CONCEDE" and triggers.lifted_measure(trig.token) is not None)):
        measures.append((frame.sources[0], frame.targets[0]))
        return False
    if lifted is None or not measures or frame.targets:
        return False
    if _inside_subject(trig.token):
        return False
    imposer, hit = measures[-1]
    if trig.type == "CONCEDE" and not frame.sources:
        frame.sources = [arguments.Arg(imposer.code, imposer.text, -3, -3)]   # "the ban will be lifted"
    if not frame.sources:
        return False
    own = frame.sources[0].code
    # whoever imposed the measure lifts or promises to lift it toward those it hit; anyone else asking for
    # its end asks whoever imposed it
    other = hit if arguments.same_side(own, imposer.code) or own[:3] == imposer.code[:3] else imposer
    frame.targets = [arguments.Arg(other.code, other.text, -4, -4)]
    return True


def _keeps(source, target, keep_unknown: bool) -> bool:
    """Whether a source–target pair is a dyad worth an event."""
    if (source.actor is not None and source.actor == target.actor) or source.start == target.start:
        return False
    if source.code == target.code and len(source.code) == 3:
        return False      # "Israel ... Israeli": a bare country on both sides is no dyad
    if source.referent is not None and source.referent == target.referent:
        return False      # "she has recognised the error of her ways": one actor, no dyad
    if source.code == target.code and source.text.lower() == target.text.lower():
        return False
    bare = next((a for a in (source, target) if len(a.code) == 3 and not a.from_place), None)
    other = target if bare is source else source
    if bare is not None and other.code == bare.code + "GOV":
        return False      # "Assad wants Syria to ...": a country's own state and the country are one side
    if source.code == target.code and {source.text.lower(), target.text.lower()} & _PRONOUNS:
        return False      # "their fighters ... allowing them to leave": a pronoun back to the same side
    # "---GOV": a government, but of no known country
    return keep_unknown or not (source.code.startswith("---") or target.code.startswith("---"))


def _as_threat(index, trig, frame, attr) -> Optional[str]:
    """'threaten <mode>' when an actor announces its own conflictual act ("X said it would boycott Y")."""
    if trig.type not in _THREAT_TYPES or attr is None or not frame.sources or modality.is_negated(trig.token):
        return None
    speaker = _speaker_arg(index, attr)
    if speaker is None or speaker.code[:3] != frame.sources[0].code[:3] or not modality.announced_intent(trig.token):
        return None
    return f"threaten {trig.mode}" if trig.mode else "threaten"


def _events_of(article: Article, index, trig, frame, attr, sentence, evidence, location, location_span,
               used_fallback: bool, keep_unknown: bool) -> list[Event]:
    date, date_span, explicit_date = when_where.event_date(article, trig.token, sentence)
    mod = modality.decide(trig.token, attr)
    threat_mode = _as_threat(index, trig, frame, attr)
    event_type, mode = ("THREATEN", threat_mode) if threat_mode else (trig.type, trig.mode)
    if threat_mode:
        mod = "reported"      # the threat was made; what is hedged is the act threatened
    elif mod == "negated" and trig.type in _REFUSABLE_TYPES:
        # "will not accept", "failed to reach agreement", "refused to meet the demands": a refusal took place
        event_type, mode = "REJECT", f"refuse {trig.mode}" if trig.mode else "refuse"
        mod = "reported" if attr is not None else "asserted"
    info = type_info(event_type, mode)
    out = []
    for source, target in [(s, t) for s in frame.sources for t in frame.targets][:_MAX_PAIRS]:
        if not _keeps(source, target, keep_unknown):
            continue
        out.append(Event(
            type=event_type, source=source.code, target=target.code, evidence=[evidence], mode=mode,
            source_text=source.text, target_text=target.text, source_actor=source.actor,
            target_actor=target.actor, date=date, date_span=date_span, location=location,
            location_span=location_span, attribution=attr.text if attr else None,
            attribution_span=attr.span if attr else None, modality=mod,
            symmetric=frame.symmetric or trig.type in _SYMMETRIC_TYPES,
            trigger=Span.of(article.text, trig.token.idx, trig.token.idx + len(trig.token.text)),
            cameo=info.get("cameo"), quad_class=info.get("quad_class"), intensity=info.get("intensity"),
            confidence=_confidence(trig, source, target, explicit_date, used_fallback),
        ))
    return out


# Kinds of mention that name a person (one who can be somewhere), not a state or a people.
_PERSON_KINDS = {"name", "pronoun", "description"}
_VISIT_PLACE_KINDS = {"country", "city", "capital"}


def _fronted_visit(article: Article, index, sentence, produced: list[Event]):
    """"In Amman, he will try to placate ...", "In Kuwait on Tuesday, the minister faced ...": a state's envoy
    placed by a fronted "in" phrase in a foreign country is visiting it, a consultation with its government.
    Returns (trigger, frame) for that visit, or None when the clause has no such frame or its acts already
    name whom the envoy dealt with."""
    root = sentence.root
    if root.pos_ not in ("VERB", "AUX") or modality.is_negated(root):
        return None
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in root.children):
        return None      # "In Syria, Putin has gambled on ...": a perfect sums up a policy, no one's stay there
    subj = arguments.subject_of(root)
    if subj is None or subj.i < sentence.start:
        return None
    prep = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "in" and c.i < subj.i), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if pobj is None:
        return None
    place = index.place_at(pobj.idx, pobj.idx + len(pobj.text))
    if place is None or not place.country or place.kind not in _VISIT_PLACE_KINDS:
        return None
    sources = [a for a in arguments.actor_args(index, subj) if a.actor is not None
               and article.actors[a.actor].kind in _PERSON_KINDS and a.code[3:6] == "GOV"]
    if not sources or sources[0].code[:3] == place.country:
        return None
    source = sources[0]
    if any(e.source_actor == source.actor for e in produced):
        return None      # the clause's own act has its target ("In Kabul, the envoy met the Taliban")
    trig = triggers.Trigger(root, "CONSULT", "visit", "VERB", True)
    host = arguments.Arg(place.country + "GOV", f"(the government of {place.name})", -1, -1)
    return trig, arguments.Frame(sources=[source], targets=[host], symmetric=True), place


def code_rules(article: Article, keep_unknown: bool = False) -> Article:
    """The rule coder (dependency patterns over a shipped lexicon)."""
    doc = article.doc
    if doc is None:
        raise CodeError(article.source, "article is not annotated (no spaCy Doc): run pipeline.annotate first")
    index = arguments.ActorIndex(article)
    focus = when_where.focus_country(article)
    candidates: list[tuple[Event, int, bool]] = []
    measures: list[tuple] = []     # (imposer, target) of the sanctions and restrictions told so far
    carried: Optional[attribution.Attribution] = None
    paragraph = -1
    for sentence_no, sentence in enumerate(_sentences(doc)):
        if _paragraph_of(article.text, sentence.start_char) != paragraph:
            carried, paragraph = None, _paragraph_of(article.text, sentence.start_char)
        if carried is not None and not attribution.continues_report(sentence):
            carried = None      # the article's own voice again: the source no longer governs
        evidence = _sentence_span(article, sentence)
        sentence_attr: Optional[attribution.Attribution] = None
        for trig in triggers.find(sentence):
            frame = arguments.frame_of(index, trig)
            if _is_journey(trig):
                # "the foreign minister flew to Cairo" is a visit; "refugees travelled to Europe" is no diplomacy
                frame.sources = [a for a in frame.sources if a.code[3:6] == "GOV" or a.code[:3] in ("IGO", "UNO")]
            attr = attribution.find(article, index, trig.token, sentence)
            if attr is not None and attr.kind in ("verb", "according"):
                sentence_attr = sentence_attr or attr
            attr = attr or carried
            if frame.sources and not frame.targets:
                frame.targets = _the_parties(trig, [e for e, n, _ in candidates if sentence_no - n <= 1])
            if frame.sources and not frame.targets:
                frame.targets = _mediated_sides(trig, frame, [e for e, n, _ in candidates if sentence_no - n <= 2])
            recalled = _recall_measure(trig, frame, measures)
            location, location_span, used_fallback = _complete_frame(article, index, trig, frame, attr,
                                                                     sentence, focus)
            if not frame.sources and not frame.targets and merge.is_anaphoric(trig.token, strong=True):
                # "These meetings mark the first open interaction": more evidence for the latest talks
                merge.attach_orphan([(e, s) for e, s, _ in candidates], trig.type, sentence_no, [evidence],
                                    attr.text if attr else None, attr.span if attr else None)
                continue
            for event in _events_of(article, index, trig, frame, attr, sentence, evidence, location, location_span,
                                    used_fallback, keep_unknown):
                # "Cantlie, captured by Isis in 2012", "the ban would be lifted": acts told before
                anaphoric = merge.BACKGROUND if merge.is_background(trig.token) or recalled else \
                    merge.is_anaphoric(trig.token)
                candidates.append((event, sentence_no, anaphoric))
        visit = _fronted_visit(article, index, sentence, [e for e, n, _ in candidates if n == sentence_no])
        if visit is not None:
            trig, frame, place = visit
            attr = attribution.find(article, index, trig.token, sentence) or carried
            for event in _events_of(article, index, trig, frame, attr, sentence, evidence,
                                    when_where.location_of(place), place.span, True, keep_unknown):
                candidates.append((event, sentence_no, False))
        if attribution.opens_frame(sentence):
            carried = attribution.Attribution(sentence_attr.text, sentence_attr.span, sentence_attr.speaker,
                                              "carried") if sentence_attr is not None else None
    article.events = merge.merge(candidates)
    return article


def code(article: Article, coder: Optional[str] = None) -> Article:
    """Fills article.events. ``coder``: "rules" (default) or "llm" (eventwire.events.llm; needs
    EVENTWIRE_LLM_URL and EVENTWIRE_LLM_MODEL); the default comes from EVENTWIRE_CODER."""
    coder = (coder or os.environ.get("EVENTWIRE_CODER") or "rules").lower()
    if coder == "llm":
        from eventwire.events import llm
        return llm.code(article)
    if coder != "rules":
        raise CodeError(article.source, f"unknown coder {coder!r} (rules | llm)")
    return code_rules(article)
