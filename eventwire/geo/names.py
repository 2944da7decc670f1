"""Name keys shared by the gazetteer builder and the matcher: one folding, so "Deir ez-Zor", "Deir Ezzor" and
"DEIR EZ ZOR" meet on the same key."""
from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Letters NFKD does not decompose to ASCII; folded by hand so "Ħ", "ø", "ß" keys stay readable.
_EXTRA_FOLD = str.maketrans({"ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ħ": "h", "Ħ": "h", "ł": "l", "Ł": "l",
                             "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th"})


def fold(text: str) -> str:
    """Lowercase ASCII with accents removed (keeps spaces and punctuation)."""
    text = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def name_key(text: str) -> str:
    """The lookup key of a place name: folded, letters and digits only."""
    return _NON_ALNUM.sub("", fold(text))


def is_latin(text: str) -> bool:
    """True when every letter is Latin script (the gazetteer keeps only names an English/Romance text can use)."""
    for ch in text:
        if ch.isalpha() and ord(ch) > 0x24F and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True
