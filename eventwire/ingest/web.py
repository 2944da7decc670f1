"""Guarded HTTP fetching: every hop of a redirect chain is checked before it is requested.

The guard refuses URLs whose host resolves to loopback, private, link-local, reserved, multicast or
unspecified addresses (a fetcher fed URLs from feeds must not be turned against the local network),
unless ``allow_private``. The request then goes to the very address that was checked (Host header
and TLS server name keep the host's name), so a DNS answer that changes between check and connect
(rebinding) cannot redirect it. Bodies are streamed and cut at ``Limits.max_bytes``.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterator, Optional, Union
from urllib.parse import urljoin, urlsplit

import httpx

from eventwire.errors import IngestError, UnsafeURLError
from eventwire.ingest.limits import Limits, megabytes
from eventwire.ingest.sniff import FEED_TYPES, HTML_TYPES, TEXT_TYPES, XML_TYPES, base_type, media_type_of
from eventwire.model import Failure, RawDocument, utc_now

USER_AGENT = "eventwire/0.1 (+https://github.com/eventwire; news event coder)"
ACCEPTED_TYPES = HTML_TYPES + TEXT_TYPES + FEED_TYPES + XML_TYPES
_REDIRECTS = (301, 302, 303, 307, 308)
BODY_DEADLINE_FACTOR = 4   # a whole body may take this many read timeouts


@dataclass
class Fetched:
    url: str                      # the final URL, after redirects
    content: bytes
    content_type: str
    retrieved: datetime
    headers: dict[str, str] = field(default_factory=dict)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:   # ::ffff:127.0.0.1 is 127.0.0.1
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
                or ip.is_unspecified)


def check_url(url: str, allow_private: bool = False) -> list[str]:
    """The checked addresses of ``url``'s host (none when ``allow_private``: nothing to check); raises
    UnsafeURLError unless ``url`` is http(s) and every address of its host is public."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise UnsafeURLError(url, f"scheme {parts.scheme or '(none)'!r} is not http or https")
    host = parts.hostname
    if not host:
        raise UnsafeURLError(url, "URL has no host")
    if allow_private:
        return []
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise IngestError(url, f"cannot resolve host {host!r}: {exc}") from exc
    addresses = [info[4][0] for info in infos]
    for address in addresses:
        if not _is_public(address):
            raise UnsafeURLError(url, f"host {host!r} resolves to non-public address {address} "
                                      "(use allow_private / --allow-private to permit)")
    return addresses


def _pinned(url: str, address: str) -> tuple[str, dict, dict]:
    """``url`` aimed at ``address``, with the Host header and TLS server name of the original host."""
    parts = urlsplit(url)
    ip_host = f"[{address}]" if ":" in address else address
    netloc = f"{ip_host}:{parts.port}" if parts.port else ip_host
    host_header = parts.netloc.rsplit("@", 1)[-1]
    extensions = {"sni_hostname": parts.hostname} if parts.scheme.lower() == "https" else {}
    return parts._replace(netloc=netloc).geturl(), {"Host": host_header}, extensions


def fetch(url: str, allow_private: bool = False, limits: Optional[Limits] = None,
          client: Optional[httpx.Client] = None) -> Fetched:
    """GETs ``url`` following at most ``limits.max_redirects`` redirects, each hop guarded; raises IngestError."""
    limits = limits or Limits.from_env()
    own_client = client is None
    if own_client:
        client = httpx.Client(follow_redirects=False, timeout=httpx.Timeout(limits.timeout_s),
                              headers={"User-Agent": USER_AGENT, "Accept": ", ".join(ACCEPTED_TYPES)})
    try:
        current = url
        for _hop in range(limits.max_redirects + 1):
            addresses = check_url(current, allow_private)
            target, headers, extensions = _pinned(current, addresses[0]) if addresses else (current, {}, {})
            try:
                with client.stream("GET", target, headers=headers, extensions=extensions) as response:
                    if response.status_code in _REDIRECTS:
                        location = response.headers.get("location")
                        if not location:
                            raise IngestError(url, f"redirect {response.status_code} without Location from {current}")
                        current = urljoin(current, location)
                        continue
                    return _read_body(url, current, response, limits)
            except httpx.TimeoutException as exc:
                raise IngestError(url, f"timed out after {limits.timeout_s:g} s fetching {current}") from exc
            except httpx.HTTPError as exc:
                raise IngestError(url, f"HTTP error fetching {current}: {type(exc).__name__}: {exc}") from exc
        raise IngestError(url, f"more than {limits.max_redirects} redirects")
    finally:
        if own_client:
            client.close()


def _read_body(url: str, current: str, response: httpx.Response, limits: Limits) -> Fetched:
    if response.status_code >= 400:
        raise IngestError(url, f"HTTP {response.status_code} from {current}")
    content_type = response.headers.get("content-type", "")
    if base_type(content_type) and base_type(content_type) not in ACCEPTED_TYPES:
        raise IngestError(url, f"content type {base_type(content_type)!r} is not a page or feed")
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise IngestError(url, f"body of {megabytes(int(declared))} exceeds the {megabytes(limits.max_bytes)} cap")
    chunks, size = [], 0
    # The timeout is per read; a server trickling a byte at a time would never trip it, so the whole
    # body gets a deadline too.
    deadline = time.monotonic() + limits.timeout_s * BODY_DEADLINE_FACTOR
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:   # servers may omit or lie about Content-Length
            raise IngestError(url, f"body exceeds the {megabytes(limits.max_bytes)} cap")
        if time.monotonic() > deadline:
            raise IngestError(url, f"body still arriving after {limits.timeout_s * BODY_DEADLINE_FACTOR:g} s")
        chunks.append(chunk)
    return Fetched(url=current, content=b"".join(chunks), content_type=content_type, retrieved=utc_now(),
                   headers={k.lower(): v for k, v in response.headers.items()})


def read_url(url: str, retrieved: Optional[datetime] = None, allow_private: bool = False,
             limits: Optional[Limits] = None) -> Iterator[Union[RawDocument, Failure]]:
    """The page at ``url``, or every item of the feed at ``url``; failures yielded, never raised."""
    limits = limits or Limits.from_env()
    try:
        page = fetch(url, allow_private, limits)
    except IngestError as exc:
        yield Failure(url, exc.stage, exc.reason)
        return
    kind = media_type_of(page.content, page.content_type, urlsplit(page.url).path)
    if kind == "feed":
        from eventwire.ingest.feeds import read_feed_bytes
        yield from read_feed_bytes(page.content, url, base_url=page.url, retrieved=retrieved,
                                   allow_private=allow_private, limits=limits)
        return
    yield page_document(url, page, kind, retrieved)


def page_document(source: str, page: Fetched, kind: str, retrieved: Optional[datetime] = None,
                  meta: Optional[dict] = None) -> RawDocument:
    # A fetched page's clock is the moment it was fetched, unless the caller says otherwise.
    return RawDocument(source=source, content=page.content, media_type=kind, retrieved=retrieved or page.retrieved,
                       url=page.url, meta={"content_type": page.content_type, "headers": page.headers, **(meta or {})})
