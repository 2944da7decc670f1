"""What a document is, from its name, declared type or first bytes (ingest decides; clean decodes)."""
from __future__ import annotations

import re
from typing import Optional

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
XML_TYPES = ("application/xml", "text/xml")
TEXT_TYPES = ("text/plain",)

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body|<meta|<title|<div|<p[\s>])",
                         re.IGNORECASE | re.DOTALL)
_FEED_START = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_XML_DECL = re.compile(rb"^\s*(\xef\xbb\xbf)?\s*<\?xml", re.IGNORECASE)


def base_type(content_type: Optional[str]) -> str:
    """'text/html; charset=utf-8' → 'text/html'."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def looks_like_feed(head: bytes) -> bool:
    # A feed is XML whose root element is rss/feed/rdf:RDF; look only at the first few KB.
    head = head[:4096]
    return bool(_FEED_START.search(head)) and (bool(_XML_DECL.match(head)) or head.lstrip()[:1] == b"<")


def looks_like_html(head: bytes) -> bool:
    return bool(_HTML_START.match(head[:4096].lstrip(b"\xef\xbb\xbf")))


def media_type_of(head: bytes, declared: Optional[str] = None, name: str = "") -> str:
    """'text/html' | 'text/plain' | 'feed' for a document, trusting a declared HTML/text type, else sniffing."""
    declared = base_type(declared)
    if declared in FEED_TYPES or (declared in XML_TYPES and looks_like_feed(head)):
        return "feed"
    if declared in HTML_TYPES:
        return "text/html"
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "text/html"
    if lower.endswith((".rss", ".atom", ".xml")) and looks_like_feed(head):
        return "feed"
    if looks_like_feed(head) and not looks_like_html(head):
        return "feed"
    if looks_like_html(head):
        return "text/html"
    return "text/plain"
