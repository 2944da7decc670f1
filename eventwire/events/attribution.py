"""Who the article says reports an event: "according to X", "X said/confirmed/revealed that ...", "reports
that ...", "reportedly". A source given for one sentence governs the sentences of its paragraph that follow it
until another source is named (carried by ``Attributions``)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from eventwire.events.lexicon import cues
from eventwire.model import Span

# How a reported clause hangs from its reporting verb ("said [ccomp]", "<event>, he [parataxis] said").
_CONTENT_DEPS = {"ccomp", "xcomp", "parataxis", "dobj", "attr", "oprd", "conj"}
_STRIP = " ,;:.\"'“”‘’–—-()"


@dataclass
class Attribution:
    text: str
    span: Span
    speaker: object = None          # the spaCy token heading the source NP (None for "reportedly")
    kind: str = "verb"              # verb | according | noun | adverb | carried


def _span_of(doc_text: str, tokens) -> Optional[Span]:
    """The text from the first to the last token, without surrounding punctuation and quotes."""
    if not tokens:
        return None
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    text = doc_text[start:end]
    stripped = text.strip(_STRIP)
    if not stripped:
        return None
    start += text.index(stripped)
    return Span(start, start + len(stripped), stripped)


def _np_tokens(token):
    """A source NP: its subtree, without a trailing relative clause ("officials, who asked not to be named")."""
    skip = set()
    for child in token.children:
        if child.dep_ == "relcl" or (child.dep_ == "punct" and child.i > token.i and child.text in ",;"):
            skip.update(t.i for t in child.subtree)
    return [t for t in token.subtree if t.i not in skip]


def _refers(article, index, token) -> Optional[str]:
    """The text a pronoun source refers to ("he" → "Rex Tillerson"), from actors/ coreference."""
    if token.pos_ != "PRON" or index is None:
        return None
    for i in index.overlapping(token.idx, token.idx + len(token.text)):
        j = article.actors[i].refers_to
        if j is not None and 0 <= j < len(article.actors):
            return article.actors[j].span.text
    return None


def _from_subject(article, index, verb) -> Optional[Attribution]:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    doc_text = article.text
    span = _span_of(doc_text, _np_tokens(subj))
    if span is None:
        return None
    referent = _refers(article, index, subj)
    text = referent or span.text
    if subj.pos_ == "PRON" and referent is None and subj.lower_ in ("it", "this", "that", "there", "we", "i", "you"):
        return None     # "We believe ...", inside a quote: the quoted speaker is named further out
    return Attribution(text, span, subj, "verb")


def find(article, index, trigger_token, sentence) -> Optional[Attribution]:
    """The attribution of the event stated at ``trigger_token`` within its sentence, or None."""
    c = cues()
    doc_text = article.text
    # "reportedly", "allegedly" on the event's own clause
    for tok in [trigger_token, *list(trigger_token.ancestors)[:2]]:
        for child in tok.children:
            if child.dep_ == "advmod" and child.lower_ in c.reporting_adverbs:
                return Attribution(c.reporting_adverbs[child.lower_], Span.of(doc_text, child.idx, child.idx + len(child.text)),
                                   None, "adverb")
    # "X said that <event>", "<event>, officials said": a reporting verb above the trigger
    below = trigger_token
    for anc in trigger_token.ancestors:
        entry_dep, below = below.dep_, anc
        if anc.pos_ in ("VERB", "AUX") and anc.lemma_.lower() in c.reporting_verbs:
            # Only the content of the report is attributed: "X said [that <event>]", not "X, fighting Y, said"
            if entry_dep not in _CONTENT_DEPS:
                continue
            found = _from_subject(article, index, anc)
            if found:
                return found
        if anc.pos_ == "NOUN" and anc.lemma_.lower() in c.reporting_nouns:
            # "reports that the UAE was playing a mediating role": the noun with its modifiers is the source
            left = [t for t in anc.lefts if t.dep_ in ("amod", "compound", "det", "poss")]
            toks = [t for l in left for t in l.subtree] + [anc]
            toks = sorted(toks, key=lambda t: t.i)
            if toks and toks[0].dep_ == "det":
                toks = toks[1:]
            span = _span_of(doc_text, toks)
            if span:
                return Attribution(span.text, span, anc, "noun")
    # "according to five sources familiar with the situation"
    for tok in sentence:
        if tok.lower_ == "according":
            to = next((ch for ch in tok.children if ch.lower_ == "to"), None)
            pobj = next((ch for ch in to.children if ch.dep_ == "pobj"), None) if to is not None else None
            if pobj is not None:
                span = _span_of(doc_text, _np_tokens(pobj))
                if span:
                    return Attribution(_refers(article, index, pobj) or span.text, span, pobj, "according")
    # "<event>, he said" parsed as a parenthetical
    for tok in sentence:
        if tok.dep_ == "parataxis" and tok.lemma_.lower() in c.reporting_verbs:
            found = _from_subject(article, index, tok)
            if found:
                return found
    return None


def continues_report(sentence) -> bool:
    """Whether a sentence without a source of its own still reads as the previous source's words: it goes on
    quoting ("..."). Otherwise it is the article's own voice (a pronoun subject is not enough: "He is
    increasingly cooperating with Iran" after "Erdoğan warned that ..." is the writer's statement)."""
    return any(ch in sentence.text for ch in "\"“”")


def opens_frame(sentence) -> bool:
    """Whether the sentence names a source for what follows it (a reporting verb with a subject or
    "according to"), so that the next sentences of the paragraph are read as still reported."""
    c = cues()
    for tok in sentence:
        if tok.lower_ == "according":
            return True
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in c.reporting_verbs and \
                any(ch.dep_ == "ccomp" for ch in tok.children) and \
                any(ch.dep_ == "nsubj" and ch.pos_ != "PRON" and ch.lower_ not in ("it",) for ch in tok.children):
            return True
    return False
