"""Boilerplate removal for pre-scraped text (jusText-style, line by line).

A scraped page is a column of lines: navigation and sharing widgets, the headline, a timestamp, the
article's paragraphs, "read also" links. Each line is described by its length, stop-word density (real
prose is dense in function words; menus and labels are not), how much of it navigation vocabulary
covers, and whether it is a bare timestamp, a byline or a fragment. The body runs from the first to the
last *good* line (long and dense in stop words) of the main text (long runs of non-prose lines separate
texts: the article from a sidebar or live feed), widened to adjacent sentence-like lines; inside it,
lines that are plainly boilerplate are dropped. Nothing is matched as a whole line from a list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from eventwire.clean.lexicon import (PhraseIndex, byline_prefixes, credit_labels, date_labels, navigation_phrases,
                                     stop_words)

TOKEN = re.compile(r"\w+(?:['’\-.]\w+)*|©", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’»)\]]*$")
_BREADCRUMB_SEPARATORS = re.compile(r"\s[›»>|/•·]\s")
_CJK_SENTENCE_STOPS = re.compile(r"[。！？]")
_BULLET = re.compile(r"^[-•*–·▪►]\s+\S")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")

GOOD_MIN_CHARS = 80          # jusText's "length_low" is 70; news paragraphs are rarely shorter
GOOD_MIN_STOP_DENSITY = 0.2  # jusText uses 0.30–0.32 on web blocks; news prose in en/es/fr/de sits at 0.3–0.5
SENTENCE_MIN_STOP_DENSITY = 0.15
SHORT_LINE_WORDS = 12        # navigation, labels and timestamps are short; prose lines are not judged by them
CJK_GOOD_MIN_CHARS = 40      # scripts without spaces pack more per character


@dataclass
class Line:
    text: str
    tokens: list[str]
    stop_density: float
    navigation_share: float
    sentence_like: bool
    good: bool
    fragment: bool
    breadcrumb: bool
    byline: bool
    related_link: bool        # "Read more: <another headline>"
    credit: bool              # "Photo: Reuters", "(Getty Images)"
    spaced: bool              # written with spaces between words (not Chinese or Japanese)
    list_item: bool
    timestamp: bool = False   # set by the caller, who owns the date parser and the clock

    @property
    def key(self) -> str:
        return " ".join(self.tokens)


def tokens_of(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def _covered_by(tokens: list[str], phrases: PhraseIndex) -> list[bool]:
    covered = [False] * len(tokens)
    for i, token in enumerate(tokens):
        for phrase in phrases.get(token, ()):
            if tuple(tokens[i:i + len(phrase)]) == phrase:
                for j in range(i, i + len(phrase)):
                    covered[j] = True
                break
    return covered


def navigation_share(tokens: list[str], stops: frozenset[str]) -> float:
    """Share of a line's content words that navigation vocabulary covers (stop words are neutral)."""
    covered = _covered_by(tokens, navigation_phrases())
    hits = sum(covered)
    # Stop words and numbers are neutral: "Follow us on Facebook", "941 comments" are all navigation.
    rest = sum(1 for t, c in zip(tokens, covered) if not c and t not in stops and not t.isdigit())
    return hits / (hits + rest) if hits + rest else 0.0


def strip_prefix(tokens: list[str], phrases: PhraseIndex) -> int:
    """Number of leading tokens that one of ``phrases`` covers (0 when none)."""
    for phrase in phrases.get(tokens[0], ()) if tokens else ():
        if tuple(tokens[:len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _has_spaces_script(text: str) -> bool:
    # Chinese and Japanese text is written without spaces: word counts mean nothing there.
    cjk = sum(1 for c in text if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    return cjk < len(text) * 0.3


def describe(text: str, language: Optional[str]) -> Line:
    stops = stop_words(language)
    tokens = tokens_of(text)
    words = len(tokens)
    density = sum(t in stops for t in tokens) / words if words else 0.0
    spaced = _has_spaces_script(text)
    nav = navigation_share(tokens, stops) if words <= SHORT_LINE_WORDS else 0.0
    letters = sum(c.isalpha() for c in text)
    ends_sentence = bool(_SENTENCE_END.search(text))
    starts_well = text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"'“‘«¿¡—–-(" or not spaced
    if spaced:
        dense_enough = density >= SENTENCE_MIN_STOP_DENSITY or not stops
        sentence_like = ends_sentence and starts_well and words >= 4 and dense_enough and nav < 0.5
        # Paragraphs end a sentence; a long headline without a full stop must not open the body.
        good = (len(text) >= GOOD_MIN_CHARS and (density >= GOOD_MIN_STOP_DENSITY or not stops)
                and nav < 0.5 and words >= 8 and (ends_sentence or len(text) >= 200))
    else:
        stops_in_line = len(_CJK_SENTENCE_STOPS.findall(text))
        sentence_like = ends_sentence and letters >= 10
        # A paragraph cut after its last full stop (a list, a truncated lead) is still prose.
        good = len(text) >= CJK_GOOD_MIN_CHARS and stops_in_line >= 1 and (ends_sentence or stops_in_line >= 2)
    byline_len = strip_prefix(tokens, byline_prefixes())
    return Line(
        text=text, tokens=tokens, stop_density=density, navigation_share=nav,
        sentence_like=sentence_like, good=good,
        # "X", "|", "1/5": too few letters to say anything.
        fragment=letters < 4 and spaced,
        breadcrumb=len(_BREADCRUMB_SEPARATORS.findall(text)) >= 2 and not ends_sentence and words <= 20,
        byline=bool(byline_len) and 2 <= words - byline_len <= 6 and not ends_sentence,
        related_link=_is_related_link(text, tokens),
        credit=_is_credit(text, tokens),
        spaced=spaced, list_item=bool(_BULLET.match(text)) and words >= 3,
    )


RELATED_LINK_MAX_WORDS = 20
CREDIT_MAX_WORDS = 10


def _label_then_rest(text: str, tokens: list[str], phrases) -> bool:
    """The line opens with one of ``phrases`` followed by a colon, bar or arrow ("Read more: ...")."""
    size = strip_prefix(tokens, phrases)
    if not size:
        return False
    end = list(TOKEN.finditer(text))[size - 1].end()
    return text[end:end + 3].lstrip()[:1] in (":", "|", "»", "›", ">", "→")


def _is_related_link(text: str, tokens: list[str]) -> bool:
    # A teaser for another article: a navigation label, then a headline (no full stop).
    return (len(tokens) <= RELATED_LINK_MAX_WORDS and not _SENTENCE_END.search(text)
            and _label_then_rest(text, tokens, navigation_phrases()))


_CREDIT_CONNECTORS = frozenset({"via", "and", "by", "/", "y", "et", "und", "e", "en"})
RIGHTS_LINE_MAX_WORDS = 15


def _is_credit(text: str, tokens: list[str]) -> bool:
    """A photo credit ("Photo: Reuters", "(Getty Images)", "AFP via Getty Images") or a rights line
    ("© 2024 The Ledger", "Copyright 2025 ...")."""
    if tokens and tokens[0] in ("©", "copyright") and len(tokens) <= RIGHTS_LINE_MAX_WORDS:
        return True
    if len(tokens) > CREDIT_MAX_WORDS:
        return False
    if _label_then_rest(text, tokens, credit_labels()):
        return True
    # Nothing but agency and credit words, bare or in brackets.
    covered = _covered_by(tokens, credit_labels())
    return bool(tokens) and all(c or t in _CREDIT_CONNECTORS for t, c in zip(tokens, covered))


def is_navigation(line: Line) -> bool:
    return line.navigation_share >= 0.6 and len(line.tokens) <= SHORT_LINE_WORDS


def is_boilerplate(line: Line, title_key: Optional[str] = None) -> bool:
    """A line that is never article text, wherever it stands."""
    return (line.fragment or line.breadcrumb or line.byline or line.timestamp or line.related_link or line.credit
            or is_navigation(line) or (title_key is not None and line.key == title_key))


def normalise_lines(text: str) -> list[list[str]]:
    """Blocks (separated by blank lines) of stripped lines, with hard-wrapped prose rejoined."""
    blocks, current = [], []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            if current:
                blocks.append(current)
                current = []
            continue
        current.append(line)
    if current:
        blocks.append(current)
    return [_unwrapped(block) for block in blocks]


WRAP_MIN_WIDTH, WRAP_MAX_WIDTH = 60, 120   # text wrapped at a fixed column (e-mail, archives) uses 60–100
WRAP_SLACK = 20        # a wrapped line ends within a word's length of the column


def _unwrapped(block: list[str]) -> list[str]:
    """A block hard-wrapped at a column becomes its paragraphs: a line that reaches the column continues
    on the next; a shorter one ends its paragraph. Blocks of a few ragged lines (headers) stay as they are."""
    if len(block) < 3:
        return block
    width = max(len(line) for line in block)
    reaching = [len(line) >= width - WRAP_SLACK for line in block[:-1]]
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH or sum(reaching) < 0.6 * len(reaching):
        return block
    paragraphs = [block[0]]
    for previous_reaches, line in zip(reaching, block[1:]):
        if previous_reaches:
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


@dataclass
class Layout:
    """A scraped page's lines and the extent of its body (what comes before it is the header)."""
    lines: list[Line]
    start: int
    end: int          # inclusive

    @property
    def header(self) -> list[Line]:
        return self.lines[:self.start]


def find_body(lines: list[Line]) -> Optional[Layout]:
    """The body's extent: first to last good line of the main text, widened to adjacent sentence-like lines
    (a short lede, a one-line closing paragraph). None when no line looks like prose."""
    anchors = [i for i, line in enumerate(lines) if line.good and not line.timestamp]
    if not anchors:
        anchors = [i for i, line in enumerate(lines) if line.sentence_like and not is_boilerplate(line)]
    if not anchors:
        return None
    start, end = _main_segment(lines, anchors)
    first_content = next((i for i, line in enumerate(lines) if not is_boilerplate(line)), 0)
    while start > 0 and lines[start - 1].sentence_like and not is_boilerplate(lines[start - 1]):
        if start - 1 == first_content and not lines[start - 1].text.rstrip("\"”’»)").endswith("."):
            break   # a page opening on a question or exclamation opens on its headline, not its lede
        start -= 1
    # A closing sentence, or a list the article ends on ("- Best new opera - ..."), belongs to it.
    while end + 1 < len(lines) and _continues_body(lines, end + 1):
        end += 1
    return Layout(lines, start, end)


# A run of this many lines that are not prose (a menu, a share bar, a list of teaser headlines) separates
# two texts; a whole page scraped as text holds the article, sidebars and a live feed. Tuned on the
# readability pages scraped to text (body word F1 0.62 raw, 0.67 first-to-last, 0.75 with this) while
# keeping every paragraph of the wikinews and BBC articles that first-to-last kept.
SEPARATING_RUN = 8


def _main_segment(lines: list[Line], anchors: list[int]) -> tuple[int, int]:
    """First and last good line of the text with the most good prose, among those that long runs of
    non-prose lines separate (one text, from first to last good line, when there are no such runs)."""
    anchor_set, segments, current, run = set(anchors), [], [anchors[0]], 0
    for i in range(anchors[0] + 1, anchors[-1] + 1):
        if i in anchor_set:
            if run >= SEPARATING_RUN:
                segments.append(current)
                current = []
            current.append(i)
            run = 0
        elif lines[i].sentence_like or lines[i].list_item:
            run = 0
        else:
            run += 1
    segments.append(current)
    main = max(segments, key=lambda segment: sum(len(lines[i].text) for i in segment))
    return main[0], main[-1]


def _continues_body(lines: list[Line], index: int) -> bool:
    line = lines[index]
    if is_boilerplate(line):
        return False
    introduces_list = (line.text.endswith(":") and index + 1 < len(lines) and lines[index + 1].list_item)
    return line.sentence_like or line.list_item or introduces_list


def body_text(layout: Layout, title_key: Optional[str]) -> str:
    """The body's paragraphs joined by a blank line; boilerplate inside the body dropped."""
    kept = [line.text for line in layout.lines[layout.start:layout.end + 1] if not is_boilerplate(line, title_key)]
    return "\n\n".join(kept)


def date_label_length(tokens: list[str]) -> int:
    return strip_prefix(tokens, date_labels())
