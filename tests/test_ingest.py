"""Ingest: every source kind yields RawDocuments; bad documents and unsafe URLs yield Failures, never crash."""
from __future__ import annotations

import http.server
import io
import socket
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import httpx
import pytest

from eventwire import ingest
from eventwire.errors import IngestError, UnsafeURLError
from eventwire.ingest import Limits
from eventwire.ingest import web
from eventwire.model import Failure, RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CLEAN_FIXTURES = Path(__file__).parent / "fixtures" / "clean"
RETRIEVED = datetime(2024, 2, 7, 8, 0, tzinfo=timezone.utc)


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, Failure)]


# --- local files and directories -------------------------------------------------------------------------

def test_html_file_is_read_as_html_with_the_given_retrieval_time():
    docs, failures = split(ingest.read(str(FIXTURES / "page.html"), retrieved=RETRIEVED))
    assert not failures
    assert len(docs) == 1
    assert docs[0].media_type == "text/html"
    assert docs[0].source == str(FIXTURES / "page.html")
    assert docs[0].retrieved == RETRIEVED
    assert docs[0].content == (FIXTURES / "page.html").read_bytes()


def test_text_file_has_no_retrieval_time_unless_given():
    # A file's mtime says when it was copied, not fetched: it must not become the clock for relative dates.
    docs, _ = split(ingest.read(str(CLEAN_FIXTURES / "scraped_en.txt")))
    assert docs[0].media_type == "text/plain"
    assert docs[0].retrieved is None


def test_html_without_extension_is_sniffed(tmp_path):
    page = tmp_path / "download"
    page.write_bytes((FIXTURES / "page.html").read_bytes())
    docs, _ = split(ingest.read(str(page)))
    assert docs[0].media_type == "text/html"


def test_directory_is_read_recursively_in_sorted_order_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("second")
    (tmp_path / "a.txt").write_text("first")
    (tmp_path / "c.html").write_text("<html><body><p>third</p></body></html>")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden")
    docs, failures = split(ingest.read(str(tmp_path)))
    assert not failures
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs] == ["a.txt", "b/2.txt", "c.html"]


def test_missing_source_yields_a_failure_naming_it():
    items = list(ingest.read("/no/such/page.html"))
    assert items == [Failure("/no/such/page.html", "ingest", "no such file or directory")]


def test_file_over_the_size_cap_is_a_failure_and_the_batch_goes_on(tmp_path):
    big = tmp_path / "a_big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)   # sparse: 50 MB without writing them
    (tmp_path / "b_small.txt").write_text("A small page.")
    docs, failures = split(ingest.read(str(tmp_path)))
    assert [Path(d.source).name for d in docs] == ["b_small.txt"]
    assert len(failures) == 1
    assert failures[0].source == str(big)
    assert "50.0 MB" in failures[0].reason and "20.0 MB cap" in failures[0].reason


def test_size_cap_is_a_setting(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("x" * 2000)
    _, failures = split(ingest.read(str(page), limits=Limits(max_bytes=1000)))
    assert "cap" in failures[0].reason


# --- JSON and JSONL ---------------------------------------------------------------------------------------

def test_jsonl_objects_become_documents_and_bad_lines_failures():
    docs, failures = split(ingest.read(str(FIXTURES / "articles.jsonl"), retrieved=RETRIEVED))
    assert [d.url for d in docs] == ["https://example.org/africa/kenya-ethiopia-pact", "https://example.org/world/mali-algeria"]
    assert [d.media_type for d in docs] == ["text/html", "text/plain"]
    # Each object's own retrieval time wins over the batch default.
    assert docs[0].retrieved == datetime(2024, 2, 7, 8, 0, tzinfo=timezone.utc)
    assert docs[1].retrieved == datetime(2021, 3, 12, 12, 0, tzinfo=timezone.utc)
    assert docs[1].meta["title"].startswith("Le Mali et l'Algérie")
    assert docs[0].meta["section"] == "africa"
    assert len(failures) == 2
    assert failures[0].source.endswith("articles.jsonl:3") and "not JSON" in failures[0].reason
    assert failures[1].source == "https://example.org/empty" and "no 'html' or 'text'" in failures[1].reason


def test_jsonl_is_streamed_with_each_line_capped(tmp_path):
    path = tmp_path / "dump.jsonl"
    with path.open("w") as fh:
        for n in range(30):
            fh.write(f'{{"url": "https://a.example/{n}", "text": "Story number {n}. {"x" * 100}"}}\n')
        fh.write('{"url": "https://a.example/huge", "text": "' + "y" * 5000 + '"}\n')
        fh.write('{"url": "https://a.example/after", "text": "The batch goes on."}\n')
    docs, failures = split(ingest.read(str(path), limits=Limits(max_bytes=2000)))   # file far above the cap
    assert len(docs) == 31 and docs[-1].url == "https://a.example/after"
    assert [f.source for f in failures] == [f"{path}:31"] and "cap" in failures[0].reason


def test_json_file_with_a_list_of_objects(tmp_path):
    path = tmp_path / "pages.json"
    path.write_text('[{"url": "https://a.example/1", "text": "One."}, {"url": "https://a.example/2", "html": "<p>Two.</p>"}]')
    docs, failures = split(ingest.read(str(path)))
    assert not failures
    assert [(d.url, d.media_type) for d in docs] == [("https://a.example/1", "text/plain"), ("https://a.example/2", "text/html")]


# --- WARC -------------------------------------------------------------------------------------------------

def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))

        def response(uri, body, content_type, date, status="200 OK"):
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)

        writer.write_record(writer.create_warc_record("https://news.example/", "request",
                                                      payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        response("https://news.example/africa/pact", (FIXTURES / "page.html").read_bytes(),
                 "text/html; charset=utf-8", "2024-02-06T18:30:00Z")
        response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png", "2024-02-06T18:30:01Z")
        response("https://news.example/gone", b"<html>moved</html>", "text/html", "2024-02-06T18:30:02Z",
                 status="301 Moved Permanently")
        response("https://news.example/world/truce", (CLEAN_FIXTURES / "scraped_en.txt").read_bytes(),
                 "text/plain", "2023-05-20T18:00:00Z")
        writer.write_record(writer.create_warc_record(
            "https://news.example/saved-page", "resource", payload=io.BytesIO(b"<html><p>Saved page</p></html>"),
            warc_content_type="text/html", warc_headers_dict={"WARC-Date": "2024-02-06T19:00:00Z"}))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_and_text_records_become_documents_dated_by_warc_date(tmp_path, name):
    path = tmp_path / name
    write_warc(path)
    docs, failures = split(ingest.read(str(path), retrieved=RETRIEVED))
    assert not failures
    assert [(d.source, d.url, d.media_type) for d in docs] == [
        ("https://news.example/africa/pact", "https://news.example/africa/pact", "text/html"),
        ("https://news.example/world/truce", "https://news.example/world/truce", "text/plain"),
        ("https://news.example/saved-page", "https://news.example/saved-page", "text/html"),
    ]
    assert docs[0].retrieved == datetime(2024, 2, 6, 18, 30, tzinfo=timezone.utc)
    assert docs[0].content == (FIXTURES / "page.html").read_bytes()
    assert docs[0].meta["container"] == str(path)


def test_a_reader_crash_is_a_failure_of_that_source(tmp_path, monkeypatch):
    from eventwire.ingest import feeds

    def broken(*args, **kwargs):
        raise RuntimeError("feed parser crashed")
    monkeypatch.setattr(feeds.feedparser, "parse", broken)
    feed = tmp_path / "wire.rss"
    feed.write_text((FIXTURES / "feed.xml").read_text())
    items = list(ingest.read(str(feed)))
    assert items == [Failure(str(feed), "ingest", "reading failed: RuntimeError: feed parser crashed")]


def test_corrupt_warc_is_a_failure(tmp_path):
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"this is not an archive at all\n" * 10)
    docs, failures = split(ingest.read(str(path)))
    assert not docs
    assert failures[0].source == str(path) and "WARC" in failures[0].reason


# --- URL guard --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://localhost:8000/page", "http://10.1.2.3/",
                                 "http://192.168.0.10/", "http://169.254.169.254/latest/meta-data/",
                                 "http://[::1]/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/"])
def test_guard_refuses_non_public_addresses(url):
    with pytest.raises(UnsafeURLError) as caught:
        web.check_url(url)
    assert caught.value.source == url
    assert "non-public address" in caught.value.reason


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://10.1.2.3/", "http://169.254.169.254/"])
def test_guard_allows_private_addresses_when_asked(url):
    web.check_url(url, allow_private=True)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/"])
def test_guard_refuses_other_schemes(url):
    with pytest.raises(UnsafeURLError, match="not http or https"):
        web.check_url(url, allow_private=True)


@pytest.fixture
def fake_dns(monkeypatch):
    """Hostnames resolve to chosen addresses (no network); IP literals resolve to themselves."""
    table = {"news.example": ["93.184.216.34"], "mixed.example": ["93.184.216.34", "10.0.0.7"],
             "internal.example": ["10.0.0.5"]}

    def getaddrinfo(host, port, *args, **kwargs):
        addresses = table.get(host, [host])
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in addresses]
    monkeypatch.setattr(web.socket, "getaddrinfo", getaddrinfo)
    return table


def test_guard_checks_every_address_of_a_host(fake_dns):
    web.check_url("https://news.example/a")
    with pytest.raises(UnsafeURLError, match="10.0.0.7"):
        web.check_url("https://mixed.example/a")


def mock_client(routes: dict, seen: list | None = None) -> httpx.Client:
    """A client answering from ``routes`` by the URL the caller meant (Host header + path)."""
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        meant = f"{request.url.scheme}://{request.headers['host']}{request.url.raw_path.decode()}"
        status, headers, body = routes[meant]
        return httpx.Response(status, headers=headers, content=body)
    return httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=False)


def test_request_goes_to_the_checked_address_under_the_hosts_name(fake_dns):
    # Connecting to the address that was checked defeats DNS rebinding between check and connect.
    seen = []
    client = mock_client({"https://news.example/story": (200, {"content-type": "text/html"}, b"<p>Story</p>")}, seen)
    page = web.fetch("https://news.example/story", client=client)
    assert page.url == "https://news.example/story"
    assert seen[0].url.host == "93.184.216.34"
    assert seen[0].headers["host"] == "news.example"
    assert seen[0].extensions["sni_hostname"] == "news.example"


@pytest.mark.parametrize("target", ["http://internal.example/admin", "http://169.254.169.254/latest/meta-data/",
                                    "http://127.0.0.1:8080/"])
def test_redirect_to_a_private_address_is_refused(fake_dns, target):
    client = mock_client({"https://news.example/story": (302, {"location": target}, b"")})
    with pytest.raises(UnsafeURLError) as caught:
        web.fetch("https://news.example/story", client=client)
    assert "non-public address" in caught.value.reason


def test_redirects_are_followed_hop_by_hop_to_the_final_url(fake_dns):
    client = mock_client({
        "https://news.example/old": (301, {"location": "/new"}, b""),
        "https://news.example/new": (200, {"content-type": "text/html"}, b"<html><p>Story</p></html>"),
    })
    page = web.fetch("https://news.example/old", client=client)
    assert page.url == "https://news.example/new"
    assert page.content == b"<html><p>Story</p></html>"


def test_redirect_cap(fake_dns):
    client = mock_client({"https://news.example/loop": (302, {"location": "/loop"}, b"")})
    with pytest.raises(IngestError, match="more than 3 redirects"):
        web.fetch("https://news.example/loop", limits=Limits(max_redirects=3), client=client)


# --- live fetching from a local server --------------------------------------------------------------------

class NewsHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):   # keep pytest output clean
        pass

    def send(self, status, content_type, body: bytes, length=True):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        feed = (FIXTURES / "feed.xml").read_text().replace("{base}", base).encode()
        if self.path == "/africa/kenya-ethiopia-pact.html":
            self.send(200, "text/html; charset=utf-8", (FIXTURES / "page.html").read_bytes())
        elif self.path == "/africa/sudan-truce.txt":
            self.send(200, "text/plain; charset=utf-8", (CLEAN_FIXTURES / "scraped_en.txt").read_bytes())
        elif self.path == "/feed.rss":
            self.send(200, "application/rss+xml", feed)
        elif self.path == "/feed-unlabelled":
            self.send(200, "text/plain", feed)   # feeds are often served with a generic type
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/africa/kenya-ethiopia-pact.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/logo.png":
            self.send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
        elif self.path == "/huge-declared":
            self.send(200, "text/html", b"<p>" + b"a" * 300_000 + b"</p>")
        elif self.path == "/huge-undeclared":
            self.send(200, "text/html", b"<p>" + b"a" * 300_000 + b"</p>", length=False)
        elif self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<p>a</p>")
                self.wfile.flush()
                time.sleep(0.05)
        elif self.path == "/slow":
            time.sleep(2)
            self.send(200, "text/html", b"<p>late</p>")
        else:
            self.send(404, "text/html", b"<h1>Not found</h1>")


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NewsHandler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_local_server_is_refused_without_allow_private(server):
    docs, failures = split(ingest.read(f"{server}/africa/kenya-ethiopia-pact.html"))
    assert not docs
    assert "non-public address 127.0.0.1" in failures[0].reason


def test_page_is_fetched_with_its_fetch_time_and_final_url(server):
    before = datetime.now(timezone.utc)
    docs, failures = split(ingest.read(f"{server}/moved", allow_private=True))
    assert not failures
    assert docs[0].source == f"{server}/moved"
    assert docs[0].url == f"{server}/africa/kenya-ethiopia-pact.html"
    assert docs[0].media_type == "text/html"
    assert docs[0].retrieved >= before
    assert docs[0].content == (FIXTURES / "page.html").read_bytes()


@pytest.mark.parametrize("path", ["/feed.rss", "/feed-unlabelled"])
def test_feed_items_are_fetched_and_a_dead_link_is_one_failure(server, path):
    docs, failures = split(ingest.read(f"{server}{path}", retrieved=RETRIEVED, allow_private=True))
    assert [d.url for d in docs] == [f"{server}/africa/kenya-ethiopia-pact.html", f"{server}/africa/sudan-truce.txt"]
    assert [d.media_type for d in docs] == ["text/html", "text/plain"]
    assert docs[0].meta["title"] == "Kenya and Ethiopia sign border trade pact"
    assert docs[0].meta["feed_title"] == "The Nairobi Ledger: Africa"
    assert docs[0].meta["published"] == "Tue, 06 Feb 2024 11:20:00 GMT"
    assert len(failures) == 1
    assert failures[0].source == f"{server}/africa/missing.html" and "HTTP 404" in failures[0].reason


def test_feed_items_pointing_at_private_hosts_are_refused(server, tmp_path):
    # A public feed cannot make the fetcher visit the local network: items go through the same guard.
    feed = tmp_path / "feed.rss"
    feed.write_text((FIXTURES / "feed.xml").read_text().replace("{base}", server))
    docs, failures = split(ingest.read(str(feed)))
    assert not docs
    assert len(failures) == 3 and all("non-public address" in f.reason for f in failures)


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ledger wire</title>
  <entry>
    <title>Ports reopen after the strike</title>
    <id>urn:ledger:1</id>
    <updated>2024-02-06T09:00:00Z</updated>
    <content type="html">&lt;p&gt;Dock workers in Mombasa ended a three-day strike on Tuesday.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>No body, no link</title>
    <id>urn:ledger:2</id>
  </entry>
</feed>
"""


def test_atom_file_items_carrying_their_article_need_no_fetch(tmp_path):
    feed = tmp_path / "wire.atom"
    feed.write_text(ATOM)
    docs, failures = split(ingest.read(str(feed), retrieved=RETRIEVED))
    assert [(d.source, d.media_type, d.retrieved) for d in docs] == [(f"{feed}#urn:ledger:1", "text/html", RETRIEVED)]
    assert b"Dock workers in Mombasa" in docs[0].content
    assert docs[0].meta["title"] == "Ports reopen after the strike"
    assert len(failures) == 1 and "neither link nor content" in failures[0].reason


def test_pinned_request_reaches_a_real_server(server, monkeypatch):
    # Pretend the local server is a public host, so the guarded path (check, then connect to that address) runs.
    port = server.rsplit(":", 1)[1]
    monkeypatch.setattr(web.socket, "getaddrinfo", lambda host, *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "",
                                                                          ("127.0.0.1", int(port)))])
    monkeypatch.setattr(web, "_is_public", lambda address: True)
    docs, failures = split(ingest.read(f"http://news.test:{port}/moved"))
    assert not failures
    assert docs[0].url == f"http://news.test:{port}/africa/kenya-ethiopia-pact.html"
    assert docs[0].content == (FIXTURES / "page.html").read_bytes()


def test_wrong_content_type_is_refused(server):
    _, failures = split(ingest.read(f"{server}/logo.png", allow_private=True))
    assert "content type 'image/png' is not a page or feed" in failures[0].reason


@pytest.mark.parametrize("path", ["/huge-declared", "/huge-undeclared"])
def test_body_over_the_size_cap_is_refused(server, path):
    _, failures = split(ingest.read(f"{server}{path}", allow_private=True, limits=Limits(max_bytes=100_000)))
    assert failures[0].source == f"{server}{path}"
    assert "cap" in failures[0].reason


def test_a_trickling_body_hits_the_deadline(server):
    # Each read arrives within the timeout, but the whole body does not.
    _, failures = split(ingest.read(f"{server}/trickle", allow_private=True, limits=Limits(timeout_s=0.2)))
    assert "still arriving" in failures[0].reason


def test_slow_server_times_out(server):
    _, failures = split(ingest.read(f"{server}/slow", allow_private=True, limits=Limits(timeout_s=0.3)))
    assert "timed out" in failures[0].reason


def test_gzipped_page_is_read_unpacked(tmp_path):
    import gzip
    from eventwire.ingest import read
    page = tmp_path / "story.html.gz"
    page.write_bytes(gzip.compress(b"<html><head><title>T</title></head><body><p>Hello</p></body></html>"))
    (doc,) = list(read(str(page)))
    assert doc.media_type == "text/html" and doc.content.startswith(b"<html>")


def test_truncated_gzip_is_a_clear_failure(tmp_path):
    import gzip
    from eventwire.ingest import read
    from eventwire.model import Failure
    page = tmp_path / "cut.html.gz"
    page.write_bytes(gzip.compress(b"<html><body>" + b"x" * 5000 + b"</body></html>")[:40])
    (failure,) = list(read(str(page)))
    assert isinstance(failure, Failure) and "cut.html.gz" in failure.source and failure.reason
