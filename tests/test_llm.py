"""The optional LLM coder against a fake OpenAI-compatible endpoint on 127.0.0.1 (no network)."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from eventwire import events
from eventwire.errors import LLMError
from eventwire.events import llm
from eventwire.model import ActorMention, Article, Span

TEXT = "Egypt and Jordan held talks in Cairo on Monday. Jordan later criticised Israel."


def article():
    a = Article(source="fake.txt", text=TEXT, published="2024-03-15", language="en",
                sentences=[Span.of(TEXT, 0, 47), Span.of(TEXT, 48, len(TEXT))])
    a.actors = [ActorMention(Span.of(TEXT, 0, 5), "EGY"), ActorMention(Span.of(TEXT, 10, 16), "JOR")]
    return a


class FakeEndpoint:
    """Answers every chat completion with ``content`` (after ``delay`` seconds); records the requests."""

    def __init__(self):
        self.content, self.delay, self.status, self.requests = "{}", 0.0, 200, []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
                time.sleep(fake.delay)
                payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": fake.content}}]})
                self.send_response(fake.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                try:
                    self.wfile.write(payload.encode())
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def endpoint(monkeypatch):
    fake = FakeEndpoint()
    monkeypatch.setenv("EVENTWIRE_LLM_URL", fake.url)
    monkeypatch.setenv("EVENTWIRE_LLM_MODEL", "fake-model")
    monkeypatch.setenv("EVENTWIRE_LLM_KEY", "secret")
    monkeypatch.setenv("EVENTWIRE_LLM_TIMEOUT", "2")
    yield fake
    fake.close()


VALID = {"events": [
    {"type": "CONSULT", "mode": "meet", "source": "EGY", "target": "JOR", "date": "2024-03-11",
     "location": {"name": "Cairo", "country": "EGY", "lat": 30.04, "lon": 31.24}, "attribution": None,
     "modality": "asserted", "evidence": "Egypt and Jordan held talks in Cairo on Monday.", "symmetric": True},
    {"type": "accuse", "source": "JOR", "target": "ISR", "date": None, "location": None, "attribution": None,
     "modality": "asserted", "evidence": "Jordan later  criticised Israel"},
]}


def test_valid_answer_becomes_events_with_spans(endpoint):
    endpoint.content = json.dumps(VALID)
    a = events.code(article(), coder="llm")
    assert [(e.type, e.source, e.target) for e in a.events] == [("CONSULT", "EGY", "JOR"), ("ACCUSE", "JOR", "ISR")]
    first, second = a.events
    assert first.evidence[0] == Span.of(TEXT, 0, 47) and first.location.name == "Cairo" and first.symmetric
    assert second.evidence[0].text == "Jordan later criticised Israel"   # located despite the double space
    assert first.quad_class == 1 and second.quad_class == 3
    request = endpoint.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["body"]["model"] == "fake-model"
    assert request["auth"] == "Bearer secret"
    assert "JOR" in request["body"]["messages"][1]["content"]     # the resolved actors are in the prompt


def test_fenced_json_is_accepted(endpoint):
    endpoint.content = "```json\n" + json.dumps({"events": []}) + "\n```"
    assert events.code(article(), coder="llm").events == []


def test_malformed_json_is_an_llm_error(endpoint):
    endpoint.content = '{"events": [ {"type": "CONSULT", '
    with pytest.raises(LLMError, match="not JSON"):
        events.code(article(), coder="llm")


@pytest.mark.parametrize("bad", [
    {"events": [{**VALID["events"][0], "type": "GREET"}]},
    {"events": [{**VALID["events"][0], "date": "last Monday"}]},
    {"events": [{k: v for k, v in VALID["events"][0].items() if k != "target"}]},
    {"items": []},
])
def test_schema_violation_is_an_llm_error(endpoint, bad):
    endpoint.content = json.dumps(bad)
    with pytest.raises(LLMError, match="schema"):
        events.code(article(), coder="llm")


def test_timeout_is_an_llm_error(endpoint, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_LLM_TIMEOUT", "0.3")
    endpoint.delay = 1.0
    endpoint.content = json.dumps(VALID)
    with pytest.raises(LLMError, match="timed out"):
        events.code(article(), coder="llm")


def test_http_error_is_an_llm_error(endpoint):
    endpoint.status = 500
    with pytest.raises(LLMError, match="HTTP 500"):
        events.code(article(), coder="llm")


def test_llm_coder_is_off_without_settings(monkeypatch):
    monkeypatch.delenv("EVENTWIRE_LLM_URL", raising=False)
    monkeypatch.delenv("EVENTWIRE_LLM_MODEL", raising=False)
    with pytest.raises(LLMError, match="EVENTWIRE_LLM_URL"):
        llm.code(article())
