"""Bytes → text: BOM, declared charset (HTTP header, <meta>), UTF-8, then detection; binary refused."""
from __future__ import annotations

import codecs
import re
from typing import Optional

from eventwire.errors import CleanError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Control bytes that never occur in text (tab, newline, carriage return, form feed and ESC excluded).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _known_codec(name: Optional[str]) -> Optional[str]:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def declared_charset(content: bytes, content_type: Optional[str] = None) -> Optional[str]:
    """The charset an HTTP Content-Type, an HTML <meta> or an XML declaration names, when it is a known codec."""
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match and _known_codec(match.group(1)):
            return _known_codec(match.group(1))
    match = _META_CHARSET.search(content[:4096]) or _XML_ENCODING.match(content[:512])
    if match:
        return _known_codec(match.group(1).decode("ascii", "ignore"))
    return None


def check_not_binary(content: bytes, source: str) -> None:
    head = content[:65536]
    if b"\x00" in head or sum(head.count(bytes([b])) for b in _CONTROL) > len(head) * 0.01:
        raise CleanError(source, "binary content, not text or HTML")


def decode(content: bytes, source: str, content_type: Optional[str] = None) -> str:
    """The text of ``content``; raises CleanError naming ``source`` when it is empty, binary or undecodable."""
    if not content.strip():
        raise CleanError(source, "empty document")
    for bom, codec in _BOMS:
        if content.startswith(bom):
            return content.decode(codec, errors="replace")
    check_not_binary(content, source)
    declared = declared_charset(content, content_type)
    if declared:
        try:
            return content.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass   # pages often lie about their charset; fall through to what the bytes say
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text = content.decode("utf-8", errors="replace")
    # A few bad bytes in otherwise valid UTF-8 (a truncated download, one corrupt character) are damage,
    # not another encoding: keep the text with replacement characters.
    if text.count("\ufffd") <= max(1, len(text) // 1000) and any(ord(c) > 127 and c != "\ufffd" for c in text):
        return text
    return _detected(content, source, first_bad)


def _detected(content: bytes, source: str, first_bad: int) -> str:
    from charset_normalizer import from_bytes
    matches = list(from_bytes(content))
    if not matches:
        raise CleanError(source, f"cannot decode: not valid UTF-8 (bad byte at offset {first_bad}) "
                                 "and no known charset fits")
    best = min(matches, key=lambda m: m.chaos)
    # Windows-1252 is the web's default legacy charset (WHATWG): it wins a tie with its Central European cousins.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + 0.01:
            return str(match)
    return str(best)
