"""Temporal expression spans in a parsed article: spaCy DATE (and day-naming TIME) entities, merged with the
lexicon's patterns for what NER misses (Spanish and French text, "earlier this month", "recently")."""
from __future__ import annotations

from typing import Optional

from eventwire.time.lexicon import bare_year_pattern, fold_same_length, lexicon, patterns

# NER labels under which a four-digit number is an amount, not a year. CARDINAL is not among them: the small
# model calls "whose 2015 military intervention" CARDINAL; counts ("2000 troops") are caught by _is_count.
_NUMBER_LABELS = {"MONEY", "QUANTITY", "PERCENT", "ORDINAL"}

# Tokens that make a verb future: "will meet", "is going to", "va a", "va"
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}


def pattern_spans(text: str) -> list[tuple[int, int]]:
    folded = fold_same_length(text)
    spans = []
    for pattern in patterns():
        for m in pattern.finditer(folded):
            spans.append((m.start(), m.end()))
    return spans


def _is_capitalised_month_alone(text: str, start: int, end: int) -> bool:
    """"May" alone must be the month (capitalised) — "may" the verb is not; ambiguous ones need a preposition."""
    word = text[start:end]
    return word[:1].isupper()


def entity_spans(doc) -> list[tuple[int, int]]:
    lx = lexicon()
    spans = []
    for ent in doc.ents:
        if ent.label_ == "DATE":
            spans.append((ent.start_char, ent.end_char))
        elif ent.label_ == "TIME":
            # "Tuesday night", "yesterday morning": the day is the point; "15:35" alone is not one.
            words = fold_same_length(ent.text).split()
            if any(w in lx.weekdays or w in lx.day_offsets for w in words):
                spans.append((ent.start_char, ent.end_char))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Leading "the", trailing punctuation and possessives off a span."""
    while start < end and text[start] in " \t\n,;:(\"'":
        start += 1
    while end > start and text[end - 1] in " \t\n,.;:)\"'":
        end -= 1
    for lead in ("the ", "The "):
        if text.startswith(lead, start) and end - start > len(lead):
            start += len(lead)
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    return start, end


# Prepositions stay outside a span ("on May 14" -> "May 14", "am Dienstag" -> "Dienstag"), as NER has them;
# articles of Spanish and French expressions stay inside ("el martes", "le mois dernier"): they are part of it.
_LEADING_PREPOSITIONS = ("on ", "in ", "at ", "since ", "by ", "until ", "en ", "desde ", "hasta ", "depuis ",
                         "On ", "In ", "Since ", "En ", "Desde ", "Depuis ", "im ", "am ", "seit ", "Im ", "Am ",
                         "Seit ")


def _is_count(doc, start: int, end: int) -> bool:
    """"1999 workers": a lone number that counts a plural noun is not a year."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span is not None and len(span) == 1 and span[0].like_num and span[0].dep_ == "nummod"
            and span[0].head.tag_ in ("NNS", "NNPS"))


def find_spans(doc, language: Optional[str] = None) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans in document order. The lexicon's matches win over overlapping NER
    DATE entities (NER stretches them: "December after months"). ``language`` (ISO 639-1) keeps out words
    that are calendar words only in other languages (German "hier" is "here")."""
    text = doc.text
    lx = lexicon()
    found = []
    for start, end in pattern_spans(text):
        word = fold_same_length(text[start:end])
        if language and word in lx.only_in and language not in lx.only_in[word]:
            continue
        if word in lx.months and not _is_capitalised_month_alone(text, start, end):
            continue
        last = text[start:end].split()[-1]
        if fold_same_length(last) in lx.ambiguous_months and not last[:1].isupper():
            continue   # "this may be", "troops march": the verb, not the month
        found.append((start, end))
    for m in bare_year_pattern().finditer(text):
        tok = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if tok is not None and not any(t.ent_type_ in _NUMBER_LABELS for t in tok):
            found.append((m.start(), m.end()))
    found = [_trim(text, s, e) for s, e in found]
    spans = _without_overlaps(sorted(found, key=lambda se: (se[0], -se[1])))
    for s, e in entity_spans(doc):
        s, e = _trim(text, s, e)
        if e > s and not any(s < pe and ps < e for ps, pe in spans):
            spans.append((s, e))
    spans = [_without_preposition(text, s, e) for s, e in spans]
    return sorted((s, e) for s, e in spans if e > s and not _is_count(doc, s, e))


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            if e - s > out[-1][1] - out[-1][0]:
                out[-1] = (s, e)
            continue
        out.append((s, e))
    return out


def _without_preposition(text: str, start: int, end: int) -> tuple[int, int]:
    for prep in _LEADING_PREPOSITIONS:
        if text.startswith(prep, start) and end - start > len(prep):
            return start + len(prep), end
    return start, end


def _planned(verb, future_verbs: frozenset) -> bool:
    """'is expected to focus', 'plans to boycott', 'are going to meet': the verb, or a verb it is the
    infinitive of, is one that puts what it governs in the future."""
    for _ in range(3):
        if verb.lemma_.lower() in future_verbs and any(c.dep_ == "xcomp" for c in verb.children):
            return True
        if verb.dep_ != "xcomp" or verb.head is verb:
            return False
        verb = verb.head
    return False


def tense_at(doc, start: int, end: int) -> Optional[str]:
    """"future" | "past" | "present" | None: the tense of the verb the expression hangs on."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    lx = lexicon()
    tok = span.root
    for _ in range(6):   # climb to the governing verb
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
        # "the upcoming Tuesday meeting", "ahead of Tuesday's summit", "talks due on Tuesday": the thing dated
        # lies ahead of the telling, whatever the tense of the clause around it
        if fold_same_length(tok.lower_) in lx.future_path_words or \
                any(c.dep_ == "amod" and fold_same_length(c.lower_) in lx.future_path_words for c in tok.children):
            return "future"
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in aux) or tok.lower_ in _FUTURE_AUX:
        return "future"
    if any(a.lower_ == "going" for a in aux) or tok.lower_ == "going":
        return "future"
    if _planned(tok, lx.future_verbs):
        return "future"
    tenses = tok.morph.get("Tense") + [t for a in aux for t in a.morph.get("Tense")]
    if "Past" in tenses:
        return "past"
    if "Pres" in tenses:
        return "present"
    return None
