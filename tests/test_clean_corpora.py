"""Clean against real pages in ../shared (skipped where it is absent): the readability test pages, the seed
through the CLI and the reference scorer, and the article fields of the annotated dev articles."""
from __future__ import annotations

import collections
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.clean import clean
from eventwire.errors import CleanError
from eventwire.model import RawDocument

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
READABILITY = SHARED / "corpora" / "readability"
GOLD = SHARED / "gold"
REPO = Path(__file__).resolve().parents[1]


def word_f1(system: str, expected: str) -> float:
    """Bag-of-words F1 between two texts (order-free: robust to where a caption or list lands)."""
    a, b = collections.Counter(re.findall(r"\w+", system.lower())), collections.Counter(re.findall(r"\w+", expected.lower()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.skipif(not READABILITY.is_dir(), reason="../shared/corpora/readability not present")
def test_main_text_of_readability_pages_is_close_to_expected():
    import lxml.html
    scores = {}
    for page in sorted(p for p in READABILITY.iterdir() if (p / "source.html.gz").exists()):
        expected = lxml.html.fromstring((page / "expected.html").read_text(encoding="utf-8")).text_content()
        doc = RawDocument(source=str(page), content=gzip.decompress((page / "source.html.gz").read_bytes()),
                          media_type="text/html")
        try:
            scores[page.name] = word_f1(clean(doc).text, expected)
        except CleanError:
            scores[page.name] = 0.0
    mean = sum(scores.values()) / len(scores)
    worst = sorted(scores.items(), key=lambda kv: kv[1])[:3]
    print(f"\nreadability pages {len(scores)}: mean word F1 {mean:.3f}; worst {worst}")
    assert len(scores) >= 30
    assert mean >= 0.90
    assert sum(s >= 0.85 for s in scores.values()) >= 0.85 * len(scores)


@pytest.mark.skipif(not (GOLD / "score.py").exists(), reason="../shared/gold not present")
def test_seed_through_the_cli_scores_full_marks_on_article_fields(tmp_path):
    run = subprocess.run([sys.executable, "-m", "eventwire.cli", "extract", str(SHARED / "seed" / "article.txt"),
                          "--retrieved", "2025-05-28T09:00:00Z"], capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    obj = json.loads(run.stdout)
    obj["id"], obj["events"] = "seed-001", []
    system = tmp_path / "system.jsonl"
    system.write_text(json.dumps(obj) + "\n")
    scored = subprocess.run([sys.executable, str(GOLD / "score.py"), str(GOLD / "dev.jsonl"), str(system), "--json"],
                            capture_output=True, text=True)
    fields = json.loads(scored.stdout)["article_fields"]
    assert fields == {"title": 1.0, "published": 1.0, "language": 1.0, "body_clean": 1.0}
    assert obj["article"]["published"] == "2025-05-27T15:35"


@pytest.mark.skipif(not (GOLD / "dev_more.jsonl").exists(), reason="../shared/gold not present")
def test_dev_articles_get_their_title_publication_date_and_language():
    from eventwire.pipeline import extract
    rows = [json.loads(line) for line in (GOLD / "dev_more.jsonl").read_text().splitlines() if line.strip()]
    wrong = []
    for row in rows:
        article = extract(str(GOLD / row["input"]), retrieved=row["retrieved"])
        for key in ("title", "published", "language"):
            want = row["article"].get(key)
            if want and not (getattr(article, key) or "").startswith(want):
                wrong.append((row["id"], key, getattr(article, key), want))
    print(f"\ndev_more: {len(rows)} articles, {len(wrong)} wrong fields")
    assert not wrong


WIKINEWS = SHARED / "corpora" / "wikinews"


def words_f1(a: str, b: str) -> float:
    return word_f1(a or "", b or "")


@pytest.mark.skipif(not (WIKINEWS / "manifest.jsonl").exists(), reason="../shared/corpora/wikinews not present")
def test_wikinews_headlines_and_dates_are_found():
    from eventwire.pipeline import extract
    rows = [json.loads(line) for line in (WIKINEWS / "manifest.jsonl").read_text().splitlines() if line.strip()]
    titles = dates = 0
    for row in rows:
        # Fetched no earlier than the page's last modification: the only honest clock for these files.
        article = extract(str(WIKINEWS / Path(row["file"]).name), retrieved=row["date_modified"] + "T12:00:00Z")
        titles += words_f1(article.title, row["title"]) >= 0.9   # the scorer's title test
        dates += (article.published or "").startswith(row["date"])
    print(f"\nwikinews {len(rows)}: title {titles / len(rows):.3f}, published {dates / len(rows):.3f}")
    assert titles >= 0.85 * len(rows)
    assert dates >= 0.75 * len(rows)


BBC = SHARED / "corpora" / "bbc" / "bbc_all.jsonl"
WMT = SHARED / "corpora" / "wmt_news"


def _clean_plain(row_id: str, text: str):
    return clean(RawDocument(source=row_id, content=text.encode("utf-8"), media_type="text/plain"))


@pytest.mark.skipif(not BBC.exists(), reason="../shared/corpora/bbc not present")
def test_clean_articles_keep_their_body_and_headline():
    # BBC articles have no boilerplate: the filter must not eat prose (every 8th article, all sections).
    rows = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines()][::8]
    titles, kept = 0, []
    for row in rows:
        article = _clean_plain(row["id"], f"{row['title']}\n\n{row['text']}")
        titles += article.title == row["title"]
        paragraphs = [p.strip() for p in row["text"].split("\n") if p.strip()]
        kept.append(sum(p in article.text for p in paragraphs) / len(paragraphs))
    print(f"\nbbc {len(rows)}: title {titles / len(rows):.3f}, paragraphs kept {sum(kept) / len(kept):.3f}, "
          f"articles kept whole {sum(k == 1.0 for k in kept)}")
    assert titles >= 0.97 * len(rows)
    assert sum(kept) / len(kept) >= 0.95


@pytest.mark.skipif(not WMT.is_dir(), reason="../shared/corpora/wmt_news not present")
@pytest.mark.parametrize("language", ["fr", "de", "ru", "uk", "ja"])
def test_news_in_other_languages_is_identified_and_kept(language):
    rows = [json.loads(line) for line in (WMT / f"wmt_news_{language}.jsonl").read_text(encoding="utf-8").splitlines()]
    detected = kept = 0
    for row in rows:
        article = _clean_plain(row["id"], row["text"])
        detected += article.language == language
        body = row["text"].split("\n\n", 1)[-1]
        kept += body.strip().splitlines()[-1].strip() in article.text   # the body's end survives
    print(f"\nwmt {language} {len(rows)}: language {detected / len(rows):.3f}, body end kept {kept / len(rows):.3f}")
    assert detected >= 0.95 * len(rows)
    assert kept >= 0.9 * len(rows)


_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "article", "section", "header",
           "footer", "nav", "aside", "blockquote", "figcaption", "ul", "ol", "main", "br", "dt", "dd")


def scrape_to_text(html: bytes) -> str:
    """What a naive scraper keeps of a page: every block's text on its own line, menus and sidebars included."""
    import lxml.html
    root = lxml.html.fromstring(html)
    for unwanted in root.xpath("//script|//style|//noscript|//svg|//iframe|//form|//head"):
        unwanted.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    return "\n".join(" ".join(line.split()) for line in root.text_content().splitlines() if line.strip())


@pytest.mark.skipif(not READABILITY.is_dir(), reason="../shared/corpora/readability not present")
def test_whole_pages_scraped_to_text_lose_most_of_their_boilerplate():
    import lxml.html
    from eventwire.clean.text import extract_text
    raw, cleaned = [], []
    for page in sorted(p for p in READABILITY.iterdir() if (p / "source.html.gz").exists()):
        expected = lxml.html.fromstring((page / "expected.html").read_text(encoding="utf-8")).text_content()
        text = scrape_to_text(gzip.decompress((page / "source.html.gz").read_bytes()))
        raw.append(word_f1(text, expected))
        try:
            cleaned.append(word_f1(extract_text(text, page.name).text, expected))
        except CleanError:
            cleaned.append(0.0)
    print(f"\nreadability pages scraped to text {len(raw)}: word F1 raw {sum(raw) / len(raw):.3f} → "
          f"filtered {sum(cleaned) / len(cleaned):.3f}")
    assert sum(cleaned) / len(cleaned) >= sum(raw) / len(raw) + 0.1
