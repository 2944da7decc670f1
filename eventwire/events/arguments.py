"""Source and target of a trigger, read from the dependency parse and the actor mentions of actors/.

Covers actives (nsubj → dobj / prepositional object), passives (nsubjpass ← agent), coordination (a pair
of conjoined subjects is a symmetric dyad; conjoined objects give one event each), light verbs (the subject
of "carried out" owns the offensive), possessives and nationality modifiers ("Turkey's offensive", "the
Turkish offensive"), participles ("airstrikes targeting X"), relative clauses and controlled infinitives.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

from eventwire.events.lexicon import cues, lexicon
from eventwire.events.triggers import Trigger, lifted_measure
from eventwire.model import Article

# Types whose object is often the actor's own forces ("withdrew its troops", "deployed soldiers").
_OWN_FORCE_TYPES = {"RETREAT", "MOBILIZE"}
# Speech acts whose target may sit inside what was said ("warned that X ...", "vowed to crush X").
_SPEECH_TYPES = {"THREATEN", "REQUEST", "ACCUSE", "REJECT", "AGREE", "SUPPORT", "PROTEST"}
# Prepositions inside an object phrase that lead to whom the act is aimed at ("attacks on X", "contact with X").
_INNER_PREPS = ("on", "against", "with", "to", "at", "into")
# Types whose object is often abstract ("support for returning to the terms ...") so that the actor
# concerned is named deeper inside the phrase.
_DEEP_TARGET_TYPES = {"SUPPORT", "AGREE", "REJECT", "RETREAT", "CONCEDE", "AID", "REQUEST", "COOPERATE", "ACCUSE"}
_RELATIVE = {"who", "whom", "which", "that", "whose"}
# Requests and the answers to proposals name the other party with "from" inside their object.
_FROM_PROPOSER_TYPES = {"REQUEST", "REJECT", "CONCEDE", "AGREE"}
# Verbs that judge an act another actor did (praise, condemn, oppose): their subject is no party to it.
_JUDGING_TYPES = {"SUPPORT", "ACCUSE", "REJECT"}
# Material acts that may name whom they are aimed at only in their purpose ("fought to drive X out").
_PURPOSE_TYPES = {"ASSAULT", "COERCE", "MOBILIZE"}
# Modifiers that stay inside a noun phrase's core (a relative clause or a prepositional phrase does not).
_CORE_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "punct", "npadvmod", "prep"}


@dataclass
class Arg:
    """One side of an event: an actor code with the text it was read from."""
    code: str
    text: str
    start: int
    end: int
    actor: Optional[int] = None     # index into Article.actors
    from_place: bool = False        # a place standing for its country ("captured the Golan Heights")
    referent: Optional[int] = None  # the mention the actor's code came from after following coreference


@dataclass
class Frame:
    sources: list[Arg] = field(default_factory=list)
    targets: list[Arg] = field(default_factory=list)
    symmetric: bool = False


class ActorIndex:
    """Actor mentions of an article by character offset, with coreference followed to a coded mention."""

    def __init__(self, article: Article):
        self.article = article
        self.mentions = sorted(range(len(article.actors)), key=lambda i: article.actors[i].span.start)
        self.starts = [article.actors[i].span.start for i in self.mentions]
        self.places = sorted(article.places, key=lambda p: p.span.start)

    def overlapping(self, start: int, end: int) -> list[int]:
        k = bisect.bisect_left(self.starts, end)
        found = []
        for j in range(k - 1, -1, -1):
            i = self.mentions[j]
            span = self.article.actors[i].span
            if span.end > start:
                found.append(i)
            if start - span.start > 300:   # mentions are short; stop scanning far to the left
                break
        return sorted(found, key=lambda i: self.article.actors[i].span.start)

    def code_of(self, i: int) -> tuple[str, int]:
        """The code of mention i, following refers_to from a pronoun or description to a coded mention."""
        seen = set()
        actors = self.article.actors
        j = i
        while actors[j].code in ("---", "", None) and actors[j].refers_to is not None and j not in seen:
            seen.add(j)
            j = actors[j].refers_to
            if not 0 <= j < len(actors):
                return actors[i].code or "---", i
        return actors[j].code or "---", j

    def place_at(self, start: int, end: int):
        for place in self.places:
            if place.span.start < end and place.span.end > start:
                return place
        return None


_STATE_ROLES = {"", "GOV", "MIL", "COP", "JUD", "LEG", "SPY"}


def same_side(code: Optional[str], other: Optional[str]) -> bool:
    """Two codes for one side: the same country's state organs ("TURGOV", "TURMIL"), or the same code."""
    if not code or not other:
        return False
    if code == other:
        return True
    return code[:3] == other[:3] and code[3:6] in _STATE_ROLES and other[3:6] in _STATE_ROLES


def _arg_from_mention(index: ActorIndex, i: int) -> Arg:
    mention = index.article.actors[i]
    code, referent = index.code_of(i)
    if mention.refers_to is not None and 0 <= mention.refers_to < len(index.article.actors):
        referent = index.code_of(mention.refers_to)[1]
    return Arg(code, mention.span.text, mention.span.start, mention.span.end, i, referent=referent)


def _core_range(token) -> tuple[int, int]:
    """Character range of a noun phrase without its relative clauses and trailing modifiers."""
    left = token
    for child in token.lefts:
        if child.dep_ in _CORE_DEPS:
            left = child.left_edge if child.left_edge.i < left.i else left
            break
    return left.idx, token.idx + len(token.text)


def np_arg(index: ActorIndex, token, allow_place: bool = False, depth: int = 0) -> Optional[Arg]:
    """The actor a noun phrase headed by ``token`` names, or None when it names none."""
    if token is None or depth > 3:
        return None
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        return np_arg(index, token.head.head, allow_place, depth + 1)   # "Washington, which supported"
    if token.lower_ == "whose":       # "Russia, whose military intervention saved him"
        for anc in token.ancestors:
            if anc.dep_ == "relcl":
                return np_arg(index, anc.head, allow_place, depth + 1)
        # the parser sometimes hangs the relative clause elsewhere: "whose" still follows what it is about
        before = next((t for t in reversed(token.doc[max(0, token.i - 3):token.i]) if not t.is_punct), None)
        if before is not None and before.pos_ in ("PROPN", "NOUN"):
            return np_arg(index, before, allow_place, depth + 1)
    if token.pos_ == "VERB" and token.dep_ in ("nsubj", "nsubjpass") and _child(token, "nsubj") is not None:
        return np_arg(index, _child(token, "nsubj"), allow_place, depth + 1)   # "[The Red Cross operating in Iraq] said"
    head_start, head_end = token.idx, token.idx + len(token.text)
    covering = index.overlapping(head_start, head_end)
    if covering and index.article.actors[covering[-1]].kind == "description":
        # "the president, Bashar al-Assad": the name in apposition says who the description is
        for child in token.children:
            if child.dep_ == "appos":
                named = np_arg(index, child, allow_place, depth + 1)
                if named is not None and named.code != "---":
                    return named
    if covering and index.code_of(covering[-1])[0] == "---":
        # "U.S. Secretary of State Warren Christopher": an uncoded name, its coded title just before it
        start, _ = _core_range(token)
        titled = [i for i in index.overlapping(start, head_start) if index.code_of(i)[0] != "---"]
        if titled:
            return _arg_from_mention(index, titled[-1])
    if covering:
        return _arg_from_mention(index, covering[-1])
    for child in token.children:
        if child.dep_ == "appos":   # "Assad's main backers, Iran and Russia": the apposition names them
            found = np_arg(index, child, allow_place, depth + 1)
            if found:
                return found
    start, end = _core_range(token)
    inside = index.overlapping(start, head_start)
    if inside:
        # Nearest to the head wins: "the Syrian government delegation" → the "Syrian government" mention
        return _arg_from_mention(index, inside[-1])
    for child in token.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":   # "a statement issued by the opposition"
            agent = _child(child, "agent")
            if agent is not None and _pobj(agent) is not None:
                found = np_arg(index, _pobj(agent), allow_place, depth + 1)
                if found:
                    return found
    for child in token.children:
        # "the government of Syria", "members of Hamas", "officials from Damascus" (not "the sentence of a court")
        if child.dep_ == "prep" and child.lower_ in ("of", "from") and \
                (token.lower_ in lexicon().group_heads or token.pos_ == "NUM"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = np_arg(index, pobj, allow_place, depth + 1)
                    if found:
                        return found
    if allow_place:
        place = index.place_at(start, head_end)
        if place is not None and place.country:
            return Arg(place.country, place.span.text, place.span.start, place.span.end, None, True)
    return None


def _with_conjuncts(token) -> list:
    tokens = [token] + [c for c in token.conjuncts if c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and c.i > token.i]
    appos = next((c for c in token.children if c.dep_ == "appos"), None)
    if appos is not None and len(tokens) == 1:
        tokens += [c for c in appos.conjuncts if c.i > appos.i]   # "backers, Iran and Russia"
    return tokens


def _coordinated_modifiers(token) -> list:
    """"US and British forces", "Hungarian and Romanian officials": one noun, several actors before it."""
    for child in token.lefts:
        if child.dep_ in ("amod", "nmod", "compound") and any(c.dep_ == "conj" for c in child.children):
            return [child] + [c for c in child.conjuncts if c.i > child.i]
    return []


def _possessor_only(token, arg: Arg) -> bool:
    """"cooperating with the Syrian president Bashar al-Assad's main backers": the name read for ``token``
    ends in a possessive of another noun, so it is the owner of what is meant, not the actor meant."""
    if arg.actor is None or token.dep_ == "poss":
        return False
    span = token.doc.char_span(arg.start, arg.end, alignment_mode="expand")
    if span is None:
        return False
    last = span[-1]
    return last.dep_ == "poss" and last.i != token.i and last.head.i != token.i


def _args(index: ActorIndex, token, allow_place: bool = False) -> list[Arg]:
    found = []
    for tok in _with_conjuncts(token):
        modifiers = _coordinated_modifiers(tok)
        candidates = [np_arg(index, m) for m in modifiers] if modifiers else []
        if len([c for c in candidates if c is not None]) < 2:
            candidates = [np_arg(index, tok, allow_place)]
            if candidates[0] is not None and _possessor_only(tok, candidates[0]):
                continue
        for arg in candidates:
            if arg is not None and all(a.start != arg.start for a in found):
                found.append(arg)
    return found


actor_args = _args   # the actors a noun phrase names, conjuncts included


def _child(token, *deps):
    return next((c for c in token.children if c.dep_ in deps), None)


def _pobj(prep):
    found = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if found is None and prep.lower_ in ("out", "because", "ahead", "instead"):
        inner = next((c for c in prep.children if c.dep_ == "prep" and c.lower_ == "of"), None)   # "out of X"
        found = _pobj(inner) if inner is not None else None
    return found


def has_object(token) -> bool:
    """Whether a trigger names whom it acts on at all (an object or a "with" phrase), coded or not."""
    return any(c.dep_ in ("dobj", "dative") for c in token.children) or bool(_prep_objects(token, ("with",)))


def _is_passive(verb) -> bool:
    # a bare participle with a "by" agent is passive wherever the parser hangs it ("militias, supported by US troops")
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl") and any(c.dep_ == "agent" for c in verb.children)
        and not any(c.dep_ == "nsubj" for c in verb.children)) or _hyphen_agent(verb) is not None


def _hyphen_agent(verb):
    """"Iranian-backed militias", "Saudi-led coalition": the word hyphened before a participle is its agent."""
    if verb.tag_ != "VBN" or verb.dep_ not in ("amod", "acl", "compound"):
        return None
    return next((c for c in verb.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod") and c.i == verb.i - 2
                 and verb.doc[verb.i - 1].text == "-"), None)


def subject_of(verb, depth: int = 0):
    """The token that is the verb's agent: its own subject, or the one it inherits through coordination,
    control ("urged Y to withdraw" → Y), adverbial participles and relative clauses."""
    if verb is None or depth > 5:
        return None
    if _is_passive(verb):
        agent = _child(verb, "agent")
        return _pobj(agent) if agent is not None else _hyphen_agent(verb)
    subj = _child(verb, "nsubj", "csubj", "expl")
    if subj is not None:
        return subj
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == "conj":
        return subject_of(head, depth + 1)
    if verb.dep_ == "xcomp":
        # "urged Y to withdraw": Y withdraws; "fled the US to join Isis": the subject joins
        obj = _child(head, "dobj", "dative") if head.lemma_.lower() in lexicon().object_control_verbs else None
        if obj is None and _is_passive(head):
            obj = _child(head, "nsubjpass")   # "Iran is expected to attack": Iran attacks
        return obj if obj is not None else subject_of(head, depth + 1)
    if verb.dep_ in ("advcl", "ccomp") and verb.tag_ in ("VBG", "VBN"):
        return subject_of(head, depth + 1)
    if verb.dep_ == "acomp":          # "he was concerned about", "Jordan is angry about"
        return _child(head, "nsubj") or subject_of(head, depth + 1)
    if verb.dep_ == "pcomp":
        # "By withdrawing support ..., the US ...", "Morocco is open to normalizing ...": the nearest clause
        # above the preposition gives the subject
        for anc in verb.ancestors:
            if anc.pos_ in ("VERB", "AUX"):
                # "The US is focused on hunting ...": a passive's subject is who hunts
                return _child(anc, "nsubjpass") if _is_passive(anc) and _child(anc, "agent") is None \
                    else subject_of(anc, depth + 1)
        return None
    if verb.dep_ in ("relcl", "acl") and verb.tag_ != "VBN":
        return head                   # "forces fighting alongside", "Washington, which supported"
    return None


_DASHES = {"–", "—", "--"}
_STRANDED_DEPS = {"prep", "pobj", "compound", "npadvmod", "nmod", "appos", "advmod", "dep"}


def stranded_subject(index: ActorIndex, verb):
    """The subject the parser lost: a clause head with no subject of its own whose nearest name before it hangs
    on a fronted phrase ("At first Bu'aziz accused ...", read as the object of "At"). It is the actor mention
    ending right before the verb (its auxiliaries aside), reached from the verb through prepositions and
    modifiers only, never through another verb or an object; or the name just before a dashed insertion that
    the parser made the insertion's subject ("the US – egged on by Israel – wants ...")."""
    if verb.dep_ not in ("ROOT", "ccomp", "parataxis") or verb.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    k = verb.i - 1
    while k >= verb.sent.start and verb.doc[k].dep_ in ("aux", "neg", "advmod") and verb.doc[k].head.i == verb.i:
        k -= 1        # "At one point Smith had sharply accused": skip the verb's own auxiliaries
    if k < verb.sent.start:
        return None
    name = verb.doc[k]
    if name.text in _DASHES:
        # "the US – egged on by Israel – wants ...": the parser makes the name the subject of the insertion
        opening = next((t for t in reversed(verb.doc[verb.sent.start:k]) if t.text == name.text), None)
        if opening is None or opening.i - 1 < verb.sent.start:
            return None
        name = verb.doc[opening.i - 1]
        if not (opening.i < name.head.i < k or name.head.i == verb.i):
            return None
        return name if index.overlapping(name.idx, name.idx + len(name.text)) else None
    if name.pos_ not in ("PROPN", "NOUN", "ADP", "X") or not index.overlapping(name.idx, name.idx + len(name.text)):
        return None     # the tagger calls an unknown name after "At" anything from a noun to a preposition
    node = name
    for _ in range(6):
        if node.i == verb.i:
            return name
        if node.dep_ not in _STRANDED_DEPS or node.pos_ in ("VERB", "AUX"):
            return None
        node = node.head
    return None


def _prep_objects(token, preps) -> list:
    objs = []
    for child in token.children:
        # "granted asylum [to] five officers": the parser sometimes labels that "to" a dative
        if child.dep_ in ("prep", "agent", "dative") and child.pos_ == "ADP" and child.lower_ in preps \
                and child.lower_ != "by":
            pobj = _pobj(child)
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN", "PRON"):
                objs.append((child.lower_, pobj))
    return objs


def _purpose_targets(index: ActorIndex, token, sources: list[Arg]) -> list[Arg]:
    """Whom a material act is aimed at when only its purpose names them: "fought to drive X out of Y",
    "massed troops to crush X" (the object of the infinitive of purpose)."""
    lead = sources[0].code if sources else None
    for comp in token.children:
        if comp.dep_ not in ("xcomp", "advcl", "acl") or comp.pos_ != "VERB" or \
                not any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children):
            continue
        obj = _child(comp, "dobj")
        if obj is not None:
            found = [a for a in _args(index, obj, allow_place=True) if a.code != "---" and not same_side(a.code, lead)]
            if found:
                return found
    return []


def _verb_frame(index: ActorIndex, trigger: Trigger) -> Frame:
    verb = trigger.token
    lex = lexicon()
    frame = Frame(symmetric=trigger.symmetric)
    passive = _is_passive(verb)
    shared_patient = None
    if not passive and verb.dep_ == "conj" and verb.tag_ == "VBN" and _child(verb, "nsubj") is None:
        # "fighters ... were later identified and arrested": the second participle shares the passive
        first = verb.head
        while first.dep_ == "conj" and first.head is not first and _child(first, "nsubj", "nsubjpass") is None:
            first = first.head
        if _is_passive(first) or _is_passive(verb.head):
            passive, shared_patient = True, _child(first, "nsubjpass") or _child(first, "nsubj")
    subj = subject_of(verb) if shared_patient is None else None
    if subj is None and shared_patient is None and not passive:
        subj = stranded_subject(index, verb)
    if passive and trigger.mode == "disapprove" and _child(verb, "nsubjpass") is not None:
        subj, passive = _child(verb, "nsubjpass"), False   # "he was concerned about X": he disapproves
    if subj is not None:
        frame.sources = _args(index, subj)
        if not frame.sources and subj.pos_ == "NOUN" and subj.dep_ == "dobj" and subject_of(subj.head) is not None:
            # "the PKK issued a declaration demanding ...", "kept its pledge to pull out": whoever issued it acts
            frame.sources = _args(index, subject_of(subj.head))
    targets = []
    if passive:
        patient = _child(verb, "nsubjpass") or shared_patient
        if patient is None and verb.dep_ in ("acl", "amod", "compound"):
            patient = verb.head       # "forces supported by the US", "US-backed forces"
        if patient is None and verb.dep_ == "advcl":
            patient = _child(verb.head, "nsubj")   # "Kurdish militias hold sway, supported by US troops"
        if patient is not None:
            targets.append(patient)
    for dep in ("dobj", "dative"):
        obj = _child(verb, dep)
        if obj is not None:
            targets.append(obj)
    preps = lex.target_preps.get(trigger.type, lex.default_preps)
    located = []
    for prep, pobj in _prep_objects(verb, preps):
        (located if prep == "in" else targets).append(pobj)
    if not targets:
        targets = located    # "intervened in Syria" hits Syria; "captured fighters in Syria" hits the fighters
    if not targets and verb.lemma_.lower() in lex.needs_object_and_complement:
        for comp in (c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i):
            subj_of_comp = _child(comp, "nsubj")   # "will not allow [Kurdish delegates to attend]"
            if subj_of_comp is not None:
                targets.append(subj_of_comp)
    for tok in targets:
        frame.targets.extend(a for a in _args(index, tok, allow_place=True) if a not in frame.targets)
    if not frame.targets:
        # "urging attacks on US soil", "appealed for contact with the group": the object phrase names the target
        for tok in targets + [p for _, p in _prep_objects(verb, ("for",))]:
            if tok.pos_ != "NOUN":
                continue
            # "demanded an apology from X": a request names whom it is made of with "from"
            # and a response names whose proposal it answers: "rejected an offer from X", "accepted demands from X"
            inner_preps = _INNER_PREPS + (("from",) if trigger.type in _FROM_PROPOSER_TYPES else ())
            for _, inner in _prep_objects(tok, inner_preps):
                frame.targets.extend(a for a in _args(index, inner, allow_place=True) if a not in frame.targets)
            if frame.targets:
                break
    implied = lex.implied_agents.get(verb.lemma_.lower())
    if passive and not frame.sources and implied and frame.targets and _child(verb, "agent") is None:
        # "Montalvo was arrested": the police of the arrested one's country, a coder's standing convention
        home = frame.targets[0].code[:3]
        if home.isalpha() and home not in ("IGO", "NGO", "UNO", "MNC", "---"):
            frame.sources = [Arg(home + implied, f"({verb.text} by authorities)", -1, -1)]
    if trigger.type == "CONCEDE" and (not frame.sources or not frame.targets):
        # "the EU embargo on arms to China is to be lifted": who imposed the measure lifts it, on whom it fell
        measure = lifted_measure(verb)
        if measure is not None:
            inner = _noun_frame(index, Trigger(measure[0], measure[1].type, measure[1].mode, "NOUN", False))
            frame.sources = frame.sources or inner.sources
            lead = frame.sources[0].code[:3] if frame.sources else None
            frame.targets = frame.targets or [a for a in inner.targets if a.code[:3] != lead]
    if trigger.type in _OWN_FORCE_TYPES and frame.sources:
        # "withdraw US troops from Syria", "deploy troops to": own forces are the means, the place the target
        lead = frame.sources[0].code[:3]
        frame.targets = [a for a in frame.targets if a.code[:3] != lead]
        if not frame.targets:
            # "strengthened its forces [in Lebanon]": the place may hang on the forces rather than the verb
            holders = [verb] + [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
            for _, pobj in [po for h in holders for po in _prep_objects(h, ("from", "to", "into", "in", "out"))]:
                frame.targets = [a for a in _args(index, pobj, allow_place=True) if a.code[:3] != lead]
                if frame.targets:
                    break
    if not frame.targets and verb.lemma_.lower() in lex.from_is_patient:
        # "confiscated weapons from armed groups", "seized the town from the rebels": who loses it is hit
        lead = frame.sources[0].code if frame.sources else None
        for _, pobj in _prep_objects(verb, ("from",)):
            frame.targets = [a for a in _args(index, pobj) if a.code != "---" and not same_side(a.code, lead)]
            if frame.targets:
                break
    if not frame.targets and trigger.type in _PURPOSE_TYPES:
        frame.targets = _purpose_targets(index, verb, frame.sources)
    if not frame.targets and trigger.type in _SPEECH_TYPES:
        # "warned that Turkish troops ...", "vowed to strangle a force": the content names the target,
        # the first actor there that is not the speaker's own side
        for comp in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):
            if comp.i < verb.i and verb.lemma_.lower() not in cues().reporting_verbs:
                continue      # only a report puts its content first ("X must go, Y said"); else it is a misparse
            # the content clause's own subject and objects (one level down), not every name inside it
            nearby = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative")]
            # "pledged to send troops [to] Belarus": the parser often labels that "to" a dative
            nearby += [_pobj(c) for c in comp.children if (c.dep_ == "prep" or (c.dep_ == "dative" and c.pos_ == "ADP"))
                       and _pobj(c) is not None]
            for sub in (c for c in comp.children if c.dep_ in ("xcomp", "ccomp")):
                nearby += [c for c in sub.children if c.dep_ in ("dobj", "nsubjpass")]
            nearby += [c for tok in list(nearby) for c in tok.conjuncts if c.i > tok.i]   # "troops and their allies"
            nearby += [p for tok in list(nearby) if tok.pos_ == "NOUN" and np_arg(index, tok) is None
                       for _, p in _prep_objects(tok, _INNER_PREPS)]   # "promised aid [to Mozambique]"
            # "promising to sign an accord [recognising X]": the act the object phrase describes names X
            nearby += [o for tok in list(nearby) if tok.pos_ == "NOUN" and np_arg(index, tok) is None
                       for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBG"
                       for o in c.children if o.dep_ == "dobj"]
            for tok in nearby:
                if tok.pos_ not in ("NOUN", "PROPN", "PRON") or tok is subj:
                    continue
                # a place is a target only as the object ("vowed to capture Afrin"), not as where ("in Geneva")
                arg = np_arg(index, tok, allow_place=tok.dep_ == "dobj")
                if arg is not None and not same_side(arg.code, frame.sources[0].code if frame.sources else None) \
                        and arg.code != "---":
                    # "vowed to crush X and Y": every conjunct is a target of its own
                    frame.targets = [arg] + [a for a in _args(index, tok, allow_place=tok.dep_ == "dobj")[1:]
                                             if a.code != "---" and not same_side(
                                                 a.code, frame.sources[0].code if frame.sources else None)]
                    break
            if frame.targets:
                break
    if not frame.targets and trigger.type in ("THREATEN", "REQUEST"):
        frame.targets = _condition_subjects(index, verb, frame.sources)
    return frame


def _condition_subjects(index: ActorIndex, verb, sources: list[Arg]) -> list[Arg]:
    """"threatened to boycott the vote unless the president steps down": the one a threat or an ultimatum
    is meant to move is the subject of its condition."""
    lead = sources[0].code if sources else None
    clauses = [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    for clause in clauses:
        for cond in clause.children:
            if cond.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in cond.children):
                subj = _child(cond, "nsubj", "nsubjpass")
                found = [a for a in _args(index, subj) if a.code != "---" and not same_side(a.code, lead)] \
                    if subj is not None else []
                if found:
                    return found
    return []


_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our"}


def _bound_possessive(index: ActorIndex, poss, noun) -> list[Arg]:
    """"Russia announced its withdrawal", "Turkey stepped up its offensive": a possessive pronoun that coreference
    left open is bound by the subject of the verb whose object it modifies (not by who condemns or rejects)."""
    if poss.lower_ not in _POSSESSIVE_PRONOUNS:
        return []
    if noun.dep_ == "conj" and noun.head.pos_ == "NOUN" and noun.head.dep_ != "pobj":
        # "US policy in Syria, and its support for X": the pronoun is the owner of the first conjunct (not when
        # that conjunct sits in a prepositional phrase, where the parser often attaches a later conjunct wrongly)
        owner = np_arg(index, noun.head)
        return [owner] if owner is not None and owner.code != "---" else []
    if noun.dep_ != "dobj" or noun.head.pos_ not in ("VERB", "AUX"):
        return []
    verb = noun.head
    if any(e.type in ("ACCUSE", "REJECT") for e in lexicon().verbs.get(verb.lemma_.lower(), ())):
        return []
    subj = subject_of(verb)
    return _args(index, subj) if subj is not None and subj.lower_ not in _POSSESSIVE_PRONOUNS else []


def _noun_frame(index: ActorIndex, trigger: Trigger) -> Frame:
    noun = trigger.token
    lex = lexicon()
    frame = Frame(symmetric=trigger.symmetric)
    first = noun
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN"):
        first = first.head            # "airstrikes and shelling": the second noun shares the first's place
    # Source: possessive, nationality/actor modifier, "by" phrase, or the subject of the verb carrying it.
    sources: list[Arg] = []
    modifier_args: list[Arg] = []
    patients: list[Arg] = []
    for child in noun.children:
        if child.dep_ == "poss":
            if noun.lemma_.lower() in lex.poss_is_patient or noun.lower_ in lex.poss_is_patient:
                patients = _args(index, child)   # "came to his rescue", "Assad's overthrow"
            else:
                sources = _args(index, child) or _bound_possessive(index, child, noun)
        elif child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i:
            arg = np_arg(index, child)
            if arg is not None and all(arg.start != a.start for a in modifier_args):
                modifier_args.append(arg)
    for child in noun.children:
        if child.dep_ in ("prep", "agent") and child.lower_ == "by" and not sources:
            pobj = _pobj(child)
            if pobj is not None:
                sources = _args(index, pobj)
    if not sources and noun.dep_ == "appos":
        owner = _child(noun.head, "poss")   # "Tillerson's first stop – a visit to Egypt"
        if owner is not None:
            sources = _args(index, owner)
    carrier = None
    if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.pos_ == "NOUN":
        carrier = first.head.head     # "a campaign of airstrikes": the campaign carries them
    elif first.dep_ == "compound" and first.head.pos_ == "NOUN" and first.head.i > first.i:
        carrier = first.head          # "a mediation mission between X and Y", "an aid package for X"
    holder = carrier if carrier is not None else first
    if not sources and holder.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and holder.head.pos_ in ("VERB", "AUX"):
        verb = holder.head
        # "Iran condemned the Israeli strike", "Germany welcomed the agreement between Serbia and Kosovo":
        # who judges an act is not its agent
        judging = any(e.type in _JUDGING_TYPES for e in lex.verbs.get(verb.lemma_.lower(), ()) if not e.needs)
        if verb.lemma_.lower() not in cues().reporting_verbs and not judging:
            subj = subject_of(verb) if holder.dep_ != "nsubjpass" else None
            if subj is not None:
                sources = _args(index, subj)
    if not sources:
        # "criticism of Turkish actions voiced by the French foreign minister"
        for tok in [noun] + [_pobj(c) for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                             and _pobj(c) is not None]:
            acl = next((c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
            agent = _child(acl, "agent") if acl is not None else None
            if agent is not None and _pobj(agent) is not None:
                sources = _args(index, _pobj(agent))
                break
    victims: list[Arg] = []
    if not sources and holder.dep_ == "pobj" and holder.head.head.pos_ in ("VERB", "AUX") \
            and holder.head.lower_ in ("in", "during", "through", "amid", "for", "at", "to"):
        verb = holder.head.head       # "engaged in talks with", "were killed in clashes with US forces"
        patient = _child(verb, "nsubjpass")
        if patient is not None and not trigger.symmetric:
            victims = _args(index, patient)   # "X was killed in a Russian airstrike": X is hit, not hitting
        else:
            subj = _child(verb, "nsubj", "nsubjpass") or subject_of(verb)
            if subj is not None:
                sources = _args(index, subj)
    if not sources and holder.dep_ == "pobj" and holder.head.head.pos_ == "ADJ" and \
            holder.head.head.dep_ == "acomp" and not any(   # "angry about US recognition of X": a judge, no party
                e.type in _JUDGING_TYPES for e in lex.verbs.get(holder.head.head.lemma_.lower(), ())):
        subj = _child(holder.head.head.head, "nsubj")   # "X is open to / ready for talks with Y"
        if subj is not None:
            sources = _args(index, subj)
    if not sources and modifier_args:
        # The modifier nearest the noun is its agent: "the Trump-endorsed Saudi war" → Saudi
        sources, modifier_args = modifier_args[-1:], modifier_args[:-1]
    frame.sources = sources
    # Target: the prepositional object the type takes, a participle's object, or a remaining modifier.
    preps = tuple(p for p in lex.target_preps.get(trigger.type, lex.noun_preps) if p in lex.noun_preps or p == "in")
    holders = [noun]
    if noun.dep_ == "nsubj" and noun.head.pos_ in ("VERB", "AUX"):
        holders.append(noun.head)     # "clashes had erupted between X and Y"
    if carrier is not None:
        holders.append(carrier)
    if holder.dep_ == "dobj" and holder.head.pos_ == "VERB" and holder.head.lemma_.lower() in lex.light_verbs:
        holders.append(holder.head)   # "launched an investigation [into X]", "opened fire [on X]"
        recipient = _child(holder.head, "dative")
        if recipient is not None and recipient.pos_ in ("NOUN", "PROPN") and trigger.type in ("AID", "SUPPORT", "AGREE"):
            datives = _args(index, recipient, allow_place=True)   # "gave the Ivory Coast $5m of aid"
        else:
            datives = []
    else:
        datives = []
    for prep in [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "on")]:
        inner = _pobj(prep)           # "its cut in aid to the Palestinians": the aid goes to them
        if inner is not None and inner.pos_ == "NOUN":
            holders.append(inner)
    targets: list[Arg] = []
    for holder_tok in holders:
        for prep, pobj in _prep_objects(holder_tok, preps):
            if prep == "of" and (noun.lemma_.lower() in lex.of_is_agent or noun.lower_ in lex.of_is_agent):
                if not frame.sources:
                    frame.sources = _args(index, pobj)
                continue
            if prep == "in" and trigger.type not in ("ASSAULT", "SANCTION", "MOBILIZE"):
                continue
            if prep == "between" or prep == "among":
                pair = _args(index, pobj)
                if len(pair) >= 2 and not frame.sources:
                    frame.sources, targets = pair[:1], pair[1:2]
                    frame.symmetric = True
                    continue
            found = _args(index, pobj, allow_place=prep != "in")
            if prep == "in":
                found = [a for a in found if not a.from_place]   # a place "in" is where, not whom
            targets.extend(a for a in found if a not in targets)
    for child in noun.children:
        if child.dep_ in ("acl", "relcl") and child.tag_ in ("VBG", "VBN") and not targets:
            obj = _child(child, "dobj")       # "airstrikes targeting Syrian military infrastructure"
            if obj is None:
                pobjs = [p for _, p in _prep_objects(child, ("at", "against", "on"))]
                obj = pobjs[0] if pobjs else None
            if obj is not None:
                targets = _args(index, obj, allow_place=True)
    if not targets:
        targets = datives
    if not targets and trigger.type in _PURPOSE_TYPES:
        targets = _purpose_targets(index, noun, frame.sources)   # "an offensive to drive the rebels out"
    if not targets and modifier_args:
        lead = frame.sources[0].code[:3] if frame.sources else None
        targets = [a for a in modifier_args if a.code[:3] != lead][:1]
    if not targets and victims:
        targets = victims
    if not targets and patients:
        targets = patients
    frame.targets = targets
    return frame


def _reporter_of(token):
    """The subject of the reporting verb whose reported clause holds ``token`` ("Turkey saying it has ...")."""
    from eventwire.events.lexicon import cues
    reporting = cues().reporting_verbs
    below = token
    for anc in token.ancestors:
        if anc.pos_ in ("VERB", "AUX") and anc.lemma_.lower() in reporting and below.dep_ in ("ccomp", "xcomp"):
            return _child(anc, "nsubj")
        below = anc
    return None


def frame_of(index: ActorIndex, trigger: Trigger) -> Frame:
    """Who did it to whom, as far as the parse says; conjoined subjects of a symmetric event pair up."""
    frame = _verb_frame(index, trigger) if trigger.pos == "VERB" else _noun_frame(index, trigger)

    if not frame.sources and trigger.pos == "VERB":
        subj = subject_of(trigger.token)
        if subj is not None and subj.lower_ in ("it", "they", "we") and np_arg(index, subj) is None:
            # "Turkey saying it has joined allied rebels": a reporter speaking of itself
            reporter = _reporter_of(trigger.token)
            if reporter is not None:
                frame.sources = _args(index, reporter)
                lead = frame.sources[0].code[:3] if frame.sources else None
                frame.targets = [a for a in frame.targets if a.code[:3] != lead or a.code != frame.sources[0].code]
    if not frame.targets and len(frame.sources) == 1 and trigger.symmetric and frame.sources[0].actor is not None:
        # "the US and Russian militaries were co-ordinating": two countries inside one subject phrase
        first = frame.sources[0]
        mention = index.article.actors[first.actor]
        tok = trigger.token.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if tok is not None:
            phrase = tok.root.head if tok.root.dep_ in ("compound", "amod", "nmod", "poss") else tok.root
            start, end = phrase.left_edge.idx, phrase.idx + len(phrase.text)
            for i in index.overlapping(start, end):
                other = _arg_from_mention(index, i)
                if other.code[:3] != first.code[:3] and other.code != "---":
                    frame.targets = [other]
                    frame.symmetric = True
                    break
    if not frame.targets and frame.sources:
        # "Israel captured the Golan Heights ... and extended its control": the second act shares the object
        verb = trigger.token if trigger.pos == "VERB" else trigger.light_verb
        if verb is not None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            obj = _child(verb.head, "dobj")
            if obj is not None:
                lead = frame.sources[0].code[:3]
                frame.targets = [a for a in _args(index, obj, allow_place=True) if a.code[:3] != lead][:1]
    if not frame.targets and len(frame.sources) >= 2 and trigger.symmetric:
        # "Israel and Syria have initiated talks": the coordinated parties act on each other
        frame.targets = frame.sources[1:2]
        frame.sources = frame.sources[:1]
        frame.symmetric = True
    return frame


def _is_hostile_noun(token) -> bool:
    entries = lexicon().nouns.get(token.lemma_.lower()) or lexicon().nouns.get(token.lower_)
    return bool(entries) and any(not e.needs and e.type in ("ASSAULT", "COERCE", "SANCTION", "THREATEN")
                                 for e in entries)


def fallback_target(index: ActorIndex, trigger: Trigger, source: Optional[Arg]) -> Optional[Arg]:
    """The first actor named inside the trigger's own phrase after it ("support for returning to the
    ceasefire terms, which established a U.N.-monitored zone" → UN), when the parse gave no target."""
    token = trigger.token
    if trigger.type not in _DEEP_TARGET_TYPES:
        return None
    roots = [c for c in token.children if c.dep_ in ("prep", "dobj", "acl")]
    for root in roots:
        # A clause hung on "that"/"because" is a reason or a report, not the object: skip it
        skip = {t.i for c in root.subtree if c.dep_ in ("advcl", "ccomp") or
                any(g.dep_ == "mark" for g in c.children) for t in c.subtree}
        # "deploring the situation [in northern Syria]": a place the phrase is set in is not whom it is about
        skip |= {t.i for c in root.subtree if c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "across")
                 and c is not root for t in c.subtree}
        # "opposition to the war [on Iraq]": whom an opposed or condemned attack aims at is its victim, not
        # the one opposed
        if trigger.type in ("REJECT", "ACCUSE"):
            skip |= {t.i for c in root.subtree if c.pos_ == "NOUN" and c is not token and _is_hostile_noun(c)
                     for t in c.subtree if t is not c}
        for tok in root.subtree:
            if tok.i in skip or tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            arg = np_arg(index, tok)
            if arg is not None and arg.code != "---" and (source is None or arg.code[:3] != source.code[:3]):
                return arg
    return None
