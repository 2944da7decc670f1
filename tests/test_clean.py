"""Clean: body without boilerplate, title, publication date and language, for HTML and scraped text."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from eventwire.clean import clean
from eventwire.dates import parse_date
from eventwire.errors import CleanError
from eventwire.model import Article, Failure, RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
INGEST_FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def text_doc(text: str, retrieved=None, source="page.txt", **meta) -> RawDocument:
    return RawDocument(source=source, content=text.encode("utf-8"), media_type="text/plain",
                       retrieved=retrieved, meta=meta)


def fixture_doc(name: str, retrieved=None) -> RawDocument:
    path = FIXTURES / name
    return RawDocument(source=str(path), content=path.read_bytes(), media_type="text/plain", retrieved=retrieved)


def has_line(body: str, line: str) -> bool:
    """The scorer's test: ``line`` stands alone as a paragraph of the body."""
    return re.search(r"(^|\n)\s*" + re.escape(line) + r"\s*(\n|$)", body) is not None


# --- the seed ---------------------------------------------------------------------------------------------

def test_seed_article_is_cleaned():
    article = clean(fixture_doc("seed-syria-israel.txt", datetime(2025, 5, 28, 9, 0, tzinfo=timezone.utc)))
    assert article.title == "Syria and Israel hold direct security talks amid shifting regional dynamics"
    assert article.published == "2025-05-27T15:35"   # "Ayer 15:35", the day before retrieval
    assert article.language == "en"
    assert article.text.startswith("In a surprising diplomatic shift, Israel and Syria have recently initiated")
    assert article.text.endswith("a symbolic gesture of goodwill.")
    for boilerplate in ("X", "Follow Us on Facebook", "Ayer 15:35", "Lire aussi", article.title):
        assert not has_line(article.text, boilerplate)
    assert article.text.count("\n\n") == 10   # 11 paragraphs, separated by a blank line
    assert article.meta["published_source"] == "text"


def test_the_seeds_boilerplate_is_removed_for_what_it_is():
    # Not a list of lines: each is judged by its features.
    from eventwire.clean.boilerplate import describe, is_navigation
    from eventwire.clean.header import DateReader
    assert describe("X", "en").fragment                                   # too few letters to say anything
    assert is_navigation(describe("Follow Us on Facebook", "en"))         # navigation words, no content
    assert is_navigation(describe("Lire aussi", "en"))                    # a French widget on an English page
    stamp = describe("Ayer 15:35", "en")
    assert DateReader(datetime(2025, 5, 28, 9, 0), "en").line(stamp)[0]   # a bare timestamp, in Spanish
    paragraph = describe("Multiple meetings have already taken place, including some in Israeli-controlled "
                         "areas near the border.", "en")
    assert paragraph.good and paragraph.stop_density > 0.3


def test_body_is_stable_and_paragraphs_are_separated_by_a_blank_line():
    doc = fixture_doc("seed-syria-israel.txt", datetime(2025, 5, 28, 9, 0, tzinfo=timezone.utc))
    first, second = clean(doc), clean(doc)
    assert first.text == second.text and first.id == second.id
    assert "\n\n\n" not in first.text and first.text == first.text.strip()
    assert all(p == p.strip() and p for p in first.text.split("\n\n"))


# --- scraped text in several languages --------------------------------------------------------------------

SCRAPED = {
    "en": ("scraped_en.txt", "Sudan's rival generals agree to a week-long truce in Jeddah",
           "Representatives of Sudan's army", "The fighting has killed hundreds of civilians.",
           ["Skip to main content", "Menu", "World | Politics | Business | Sport", "Home › World › Africa",
            "2 hours ago", "Share this article", "By Amina Yusuf", "Read more", "Sudan crisis: what we know so far",
            "Follow us on Twitter", "© 2023 Daily Courier. All rights reserved."]),
    "es": ("scraped_es.txt", "El Gobierno de Chile y los camioneros alcanzan un acuerdo para levantar los bloqueos",
           "El Ministerio del Interior", "en un plazo de treinta días.",
           ["Síguenos en Twitter", "Compartir en Facebook", "Internacional", "Hace 3 horas", "Lee también",
            "Los camioneros bloquean la Ruta 5 por tercer día", "Comentarios"]),
    "fr": ("scraped_fr.txt", "Le Mali et l'Algérie rappellent leurs ambassadeurs après un incident à la frontière",
           "Le gouvernement malien a annoncé", "selon l'agence officielle APS.",
           ["Suivez-nous sur Facebook", "Partager", "Monde", "Publié le 12 mars 2021 à 10h05", "Lire aussi",
            "Au Sahel, la médiation algérienne à l'épreuve", "Abonnez-vous à la newsletter"]),
    "de": ("scraped_de.txt", "Bundestag beschließt neues Gesetz zur Cybersicherheit",
           "Der Bundestag hat am Donnerstag", "im Herbst in Kraft treten.",
           ["Zum Inhalt springen", "Folgen Sie uns auf Instagram", "Politik", "Veröffentlicht am 3. Mai 2019",
            "Teilen", "Mehr zum Thema", "Anzeige"]),
}


@pytest.mark.parametrize("language", sorted(SCRAPED))
def test_scraped_text_loses_its_boilerplate(language):
    name, title, first, last, boilerplate = SCRAPED[language]
    article = clean(fixture_doc(name, datetime(2023, 5, 20, 18, 0, tzinfo=timezone.utc)))
    assert article.language == language
    assert article.title == title
    assert article.text.startswith(first)
    assert article.text.endswith(last)
    for line in boilerplate + [title]:
        assert not has_line(article.text, line), line


@pytest.mark.parametrize("language, published", [("en", "2023-05-20T16:00"), ("es", "2023-05-20T15:00"),
                                                 ("fr", "2021-03-12T10:05"), ("de", "2019-05-03")])
def test_scraped_text_timestamp_becomes_published(language, published):
    article = clean(fixture_doc(SCRAPED[language][0], datetime(2023, 5, 20, 18, 0, tzinfo=timezone.utc)))
    assert article.published == published


BODY = ("The two delegations met for more than four hours and agreed to meet again next month, "
        "according to a statement released by the foreign ministry after the talks.\n\n"
        "Officials on both sides described the meeting as constructive but said that a number of "
        "questions about the border and the return of refugees were still open.")


@pytest.mark.parametrize("stamp, retrieved, published", [
    ("Ayer 15:35", datetime(2025, 5, 28, 9, 0), "2025-05-27T15:35"),
    ("Hace 3 horas", datetime(2025, 5, 28, 9, 0), "2025-05-28T06:00"),
    ("hace 2 días", datetime(2025, 5, 28, 9, 0), "2025-05-26"),
    ("hier à 10h", datetime(2024, 11, 2, 8, 0), "2024-11-01T10:00"),
    ("il y a 3 jours", datetime(2024, 11, 2, 8, 0), "2024-10-30"),
    ("Mis à jour le 12 mars 2021 à 10h05", datetime(2024, 11, 2, 8, 0), "2021-03-12T10:05"),
    ("2 hours ago", datetime(2023, 1, 10, 12, 0), "2023-01-10T10:00"),
    ("Yesterday", datetime(2023, 1, 10, 12, 0), "2023-01-09"),
    ("Published 3 May 2019", datetime(2023, 1, 10, 12, 0), "2019-05-03"),
    ("Updated: May 27, 2025 3:35 PM ET", datetime(2025, 6, 1, 12, 0), "2025-05-27T15:35"),
])
def test_relative_and_absolute_timestamps_resolve_against_retrieval(stamp, retrieved, published):
    text = f"Border talks resume after a year of silence\n{stamp}\n\n{BODY}\n"
    article = clean(text_doc(text, retrieved.replace(tzinfo=timezone.utc)))
    assert article.published == published
    assert article.title == "Border talks resume after a year of silence"
    assert not has_line(article.text, stamp)


def test_date_run_on_to_the_headline_is_cut_off_it():
    text = f"Border talks resume after a year of silence Tuesday, September 1, 2015\n\n{BODY}"
    article = clean(text_doc(text, datetime(2016, 1, 1, tzinfo=timezone.utc)))
    assert article.title == "Border talks resume after a year of silence"
    assert article.published == "2015-09-01"


def test_dateline_opening_the_body_gives_the_date():
    text = f"Border talks resume\n\nThursday, March 15, 2012 {BODY}"
    article = clean(text_doc(text, datetime(2016, 1, 1, tzinfo=timezone.utc)))
    assert article.published == "2012-03-15"
    assert article.text.startswith("Thursday, March 15, 2012 The two delegations")


def test_headline_above_the_timestamp_beats_a_caption_below_it():
    text = (f"Hundreds dead in stampede at the bridge\nThursday, January 12, 2006\n"
            f"The bridge on the day of the stampede\n\n{BODY}")
    article = clean(text_doc(text, datetime(2006, 1, 13, tzinfo=timezone.utc)))
    assert article.title == "Hundreds dead in stampede at the bridge"
    assert article.published == "2006-01-12"


def test_a_date_after_retrieval_is_not_the_publication_date():
    text = f"Border talks resume after a year of silence\n12 March 2030\n\n{BODY}"
    article = clean(text_doc(text, datetime(2025, 1, 1, tzinfo=timezone.utc)))
    assert article.published == "2025-01-01" and article.meta["published_source"] == "retrieved"
    assert article.title == "Border talks resume after a year of silence"


ES_BODY = ("El presidente Joe Biden y el presidente chino Xi Jinping acordaron el miércoles restablecer las "
           "comunicaciones entre sus ejércitos, según informó la Casa Blanca tras la reunión de cuatro horas.")


def test_numeric_dates_are_read_in_the_pages_own_order():
    # 3/5/2019 is the 3rd of May on a Spanish page, the 5th of March on an American one.
    spanish = clean(text_doc(f"Biden y Xi acuerdan restablecer las comunicaciones\nPublicado: 3/5/2019 10:22\n\n{ES_BODY}",
                             datetime(2023, 11, 16, tzinfo=timezone.utc)))
    english = clean(text_doc(f"Biden and Xi agree to restore communications\nPublished 3/5/2019 10:22\n\n{BODY}",
                             datetime(2023, 11, 16, tzinfo=timezone.utc)))
    assert (spanish.language, spanish.published) == ("es", "2019-05-03T10:22")
    assert (english.language, english.published) == ("en", "2019-03-05T10:22")


def test_without_any_date_the_retrieval_day_is_the_publication_date():
    article = clean(text_doc(BODY, datetime(2019, 2, 20, 23, 0, tzinfo=timezone.utc)))
    assert article.published == "2019-02-20"
    assert article.meta["published_source"] == "retrieved"


def test_relative_date_without_a_retrieval_time_is_left_unresolved():
    # Resolving "Ayer" against the clock of whoever runs the batch would invent a date.
    article = clean(text_doc(f"Border talks resume after a year of silence\nAyer 15:35\n\n{BODY}"))
    assert article.published is None
    assert not has_line(article.text, "Ayer 15:35")


def test_absolute_date_needs_no_retrieval_time():
    article = clean(text_doc(f"Border talks resume after a year of silence\nSaturday, September 12, 2015\n\n{BODY}"))
    assert article.published == "2015-09-12"


def test_container_title_and_date_are_used():
    doc = text_doc(BODY, datetime(2024, 2, 7, 8, 0, tzinfo=timezone.utc), title="Talks resume",
                   published="Tue, 06 Feb 2024 11:20:00 GMT")
    article = clean(doc)
    assert article.title == "Talks resume"
    assert article.published == "2024-02-06T11:20"
    assert article.meta["published_source"] == "container-metadata"


def test_text_without_headline_has_no_title():
    assert clean(text_doc(BODY)).title is None


def test_hard_wrapped_paragraphs_are_rejoined():
    wrapped = ("Officials on both sides described the meeting as constructive but said\n"
               "that a number of questions about the border and the return of refugees\n"
               "were still open, and that the next round would take place in Geneva.\n")
    article = clean(text_doc(wrapped))
    assert article.text == ("Officials on both sides described the meeting as constructive but said that a number "
                            "of questions about the border and the return of refugees were still open, and that "
                            "the next round would take place in Geneva.")


def test_short_lede_and_closing_sentence_are_kept():
    text = f"Talks resume\n\nThe talks resumed on Monday.\n\n{BODY}\n\nNo date was set.\n\nShare\nTweet"
    article = clean(text_doc(text))
    assert article.text.startswith("The talks resumed on Monday.")
    assert article.text.endswith("No date was set.")


def test_a_question_headline_opening_the_page_is_its_title():
    article = clean(text_doc(f"Can the ceasefire hold?\n\n{BODY}"))
    assert article.title == "Can the ceasefire hold?"
    assert article.text.startswith("The two delegations")


def test_a_list_closing_the_article_is_kept():
    text = f"{BODY}\n\nThe winners were:\n- Best film - The Long Road Home\n- Best actress - Maria Lopez\n\nShare"
    article = clean(text_doc(text))
    assert article.text.endswith("- Best film - The Long Road Home\n\n- Best actress - Maria Lopez")


def test_japanese_text_gets_its_headline_and_body():
    text = ("関東で震度4の地震、震源は茨城県南部\n\n"
            "12日午後、茨城、栃木、群馬、埼玉の各県で震度4の地震があった。気象庁によると、震源地は茨城県南部で、"
            "震源の深さは約50キロ。津波の心配はないという。\n\nシェア")
    article = clean(text_doc(text))
    assert article.language == "ja"
    assert article.title == "関東で震度4の地震、震源は茨城県南部"
    assert article.text.startswith("12日午後") and article.text.endswith("津波の心配はないという。")


def test_teasers_credits_and_ads_inside_the_body_are_dropped():
    first, second = BODY.split("\n\n")
    text = (f"{first}\n\nREAD MORE: Refugees wait at the border as talks stall\n\nPhoto: Reuters\n\n"
            f"(Getty Images)\n\nAdvertisement\n\n{second}")
    assert clean(text_doc(text)).text == BODY


@pytest.mark.parametrize("widgets", [
    ["Advertisement - scroll to continue", "AFP via Getty Images", "5 min read"],
    ["Story continues below advertisement", "Click to share on Twitter (Opens in new window)", "Like this:"],
    ["Tags: Syria, Israel, Golan Heights", "Leave a Reply Cancel reply", "Copyright 2025 The Daily Courier"],
    ["Te recomendamos", "Más noticias", "Cargando..."],
])
def test_common_widgets_between_paragraphs_are_dropped(widgets):
    first, second = BODY.split("\n\n")
    assert clean(text_doc("\n".join([first, *widgets, second]))).text == BODY


def test_a_sentence_that_starts_like_a_label_is_prose():
    text = f"{BODY}\n\nSource: the ministry said the next round of talks would be held in Geneva in March."
    assert clean(text_doc(text)).text.endswith("would be held in Geneva in March.")


TEASERS = ["Most read", "Storm closes ports along the coast", "Minister resigns over spending row",
           "Five things to know about the budget", "Champions league draw in full", "Markets slide as oil jumps",
           "Weather warning for the weekend", "Opinion", "Letters to the editor"]


def test_a_sidebar_after_a_long_teaser_list_is_not_the_article():
    sidebar = ("Live: our reporters follow the day's other events as they happen, with the latest updates "
               "from around the country and abroad.")
    article = clean(text_doc(f"{BODY}\n\n" + "\n".join(TEASERS) + f"\n\n{sidebar}"))
    assert article.text == BODY


def test_a_share_bar_inside_the_article_does_not_cut_it():
    first, second = BODY.split("\n\n")
    bar = ["Share", "Facebook", "Twitter", "WhatsApp", "Email", "Print", "Comments"]
    assert clean(text_doc("\n".join([first, *bar, second]))).text == BODY


def test_a_short_block_of_teasers_inside_the_article_does_not_cut_it():
    first, second = BODY.split("\n\n")
    text = f"{first}\n\n" + "\n".join(TEASERS[1:4]) + f"\n\n{second}"
    assert clean(text_doc(text)).text.endswith(second)


def test_lines_are_judged_not_listed():
    # Navigation vocabulary is judged by its share of a line: a sentence that mentions sharing is prose.
    text = (f"{BODY}\n\nThe ministers agreed to share intelligence and to follow up on the agreement "
            "with a meeting of experts on Facebook's role in the spread of rumours.")
    assert clean(text_doc(text)).text.endswith("on Facebook's role in the spread of rumours.")


# --- HTML -------------------------------------------------------------------------------------------------

def test_html_page_main_text_and_metadata():
    path = INGEST_FIXTURES / "page.html"
    article = clean(RawDocument(source=str(path), content=path.read_bytes(), media_type="text/html",
                                url="https://ledger.example/africa/pact"))
    assert article.title == "Kenya and Ethiopia sign border trade pact"
    assert article.published == "2024-02-06T14:20"   # the page's own wall-clock time
    assert article.language == "en"
    assert article.url == "https://ledger.example/africa/pact"
    assert article.meta["sitename"] == "The Nairobi Ledger"
    assert article.meta["author"] == "Wanjiru Kamau"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("Kenya and Ethiopia signed an agreement on Tuesday")
    assert paragraphs[-1].endswith("unless both sides invest in infrastructure.")
    assert len(paragraphs) == 4
    for boilerplate in ("Subscribe", "Most read", "Shilling rallies", "All rights reserved", "Privacy policy",
                        "By Wanjiru Kamau"):
        assert boilerplate not in article.text


def test_site_name_is_cut_off_the_title():
    html = (INGEST_FIXTURES / "page.html").read_text().replace(
        '<meta property="og:title" content="Kenya and Ethiopia sign border trade pact">',
        '<meta property="og:title" content="Kenya and Ethiopia sign border trade pact | The Nairobi Ledger">')
    article = clean(RawDocument(source="page.html", content=html.encode(), media_type="text/html"))
    assert article.title == "Kenya and Ethiopia sign border trade pact"
    assert article.meta["sitename"] == "The Nairobi Ledger"


PAGE_1252 = ("<html><head><meta charset=\"windows-1252\"><title>Élections à Bamako</title></head><body><article>"
             "<h1>Élections à Bamako</h1>"
             "<p>Les électeurs maliens se sont rendus aux urnes dimanche pour élire leurs députés, dans un climat "
             "tendu marqué par des menaces d’attaques dans le centre du pays.</p>"
             "<p>Selon la commission électorale, la participation a été « très faible » dans plusieurs régions, "
             "où des bureaux de vote n’ont pas pu ouvrir en raison de l’insécurité.</p>"
             "</article></body></html>")


def test_declared_legacy_charset_is_honoured():
    doc = RawDocument(source="bamako.html", content=PAGE_1252.encode("cp1252"), media_type="text/html")
    article = clean(doc)
    assert article.title == "Élections à Bamako"
    assert "menaces d’attaques" in article.text and "« très faible »" in article.text
    assert article.language == "fr"


def test_undeclared_legacy_charset_is_detected():
    text = "Élections à Bamako\n\n" + BODY.replace("foreign ministry", "ministère des affaires étrangères") + (
        "\n\nLes électeurs maliens se sont rendus aux urnes dimanche pour élire leurs députés, dans un climat "
        "tendu marqué par des menaces d'attaques dans le centre du pays, où la sécurité reste précaire.")
    doc = RawDocument(source="bamako.txt", content=text.encode("cp1252"), media_type="text/plain")
    body = clean(doc).text
    # è and à are where Windows-1252 and its Central European cousin (cp1250: č, ŕ) disagree.
    assert "élire leurs députés" in body and "ministère des affaires étrangères" in body


def test_xml_declaration_charset_is_honoured():
    xhtml = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + PAGE_1252.replace('<meta charset="windows-1252">', "")
    xhtml = xhtml.replace("’", "'").replace("« ", '"').replace(" »", '"')   # Latin-1 has no curly quotes
    from eventwire.clean.decode import declared_charset
    assert declared_charset(xhtml.encode("latin-1")) == "iso8859-1"
    doc = RawDocument(source="bamako.xhtml", content=xhtml.encode("latin-1"), media_type="text/html")
    assert "électeurs maliens" in clean(doc).text


def test_http_header_charset_is_honoured():
    html = PAGE_1252.replace('<meta charset="windows-1252">', "")
    doc = RawDocument(source="bamako.html", content=html.encode("cp1252"), media_type="text/html",
                      meta={"content_type": "text/html; charset=windows-1252"})
    assert "électeurs maliens" in clean(doc).text


# --- unusable documents -----------------------------------------------------------------------------------

@pytest.mark.parametrize("content, media_type, cause", [
    (b"", "text/plain", "empty document"),
    (b"   \n\n \t\n", "text/plain", "empty document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "text/plain", "binary content"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 8, "text/html", "binary content"),
    (bytes([0x80 + (i * 37) % 128 for i in range(4000)]), "text/plain", "cannot decode"),
    (b"<html><head><title>Breaking</title></head><body><div class=\"art", "text/html", "no main text"),
    (b"Home\nNews\nSport\nShare\nSubscribe\n", "text/plain", "no article text"),
])
def test_unusable_documents_raise_clean_error_naming_input_and_cause(content, media_type, cause):
    with pytest.raises(CleanError) as caught:
        clean(RawDocument(source="feeds/item-17", content=content, media_type=media_type))
    assert caught.value.source == "feeds/item-17"
    assert cause in caught.value.reason
    assert str(caught.value).startswith("feeds/item-17: ")


def test_a_library_failure_is_this_documents_clean_error(monkeypatch):
    import trafilatura

    def broken(*args, **kwargs):
        raise RuntimeError("parser state corrupted")
    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    with pytest.raises(CleanError) as caught:
        clean(RawDocument(source="odd.html", content=PAGE_1252.encode("cp1252"), media_type="text/html"))
    assert caught.value.source == "odd.html"
    assert "RuntimeError: parser state corrupted" in caught.value.reason


def test_a_batch_with_bad_files_still_yields_its_articles(tmp_path):
    from eventwire.pipeline import extract_many
    (tmp_path / "a_seed.txt").write_bytes((FIXTURES / "seed-syria-israel.txt").read_bytes())
    (tmp_path / "b_binary.txt").write_bytes(b"\x00\x01\x02" * 1000)
    (tmp_path / "c_empty.txt").write_bytes(b"")
    (tmp_path / "d_invalid_utf8.txt").write_bytes(bytes([0x80 + (i * 37) % 128 for i in range(4000)]))
    (tmp_path / "e_truncated.html").write_bytes(b"<html><head><title>Breaking</title></head><body><div cla")
    with (tmp_path / "f_huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "g_page.html").write_bytes((INGEST_FIXTURES / "page.html").read_bytes())
    items = list(extract_many([str(tmp_path)], retrieved="2025-05-28T09:00:00Z"))
    articles = [i for i in items if isinstance(i, Article)]
    failures = {Path(f.source).name: f for f in items if isinstance(f, Failure)}
    assert [Path(a.source).name for a in articles] == ["a_seed.txt", "g_page.html"]
    assert set(failures) == {"b_binary.txt", "c_empty.txt", "d_invalid_utf8.txt", "e_truncated.html", "f_huge.txt"}
    assert "binary" in failures["b_binary.txt"].reason
    assert "empty" in failures["c_empty.txt"].reason
    assert "cannot decode" in failures["d_invalid_utf8.txt"].reason
    assert "no main text" in failures["e_truncated.html"].reason
    assert failures["f_huge.txt"].stage == "ingest" and "50.0 MB" in failures["f_huge.txt"].reason


# --- the date parser --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, iso", [("Ayer 15:35", "2025-05-27T15:35"), ("hier à 10h", "2025-05-27T10:00"),
                                       ("2 hours ago", "2025-05-28T07:00"), ("il y a 3 jours", "2025-05-25"),
                                       ("hace 3 días", "2025-05-25"), ("vor 2 Tagen", "2025-05-26"),
                                       ("3 May 2019", "2019-05-03"), ("gestern 14:20", "2025-05-27T14:20")])
def test_parse_date_keeps_the_time_only_when_the_text_gives_one(text, iso):
    assert parse_date(text, datetime(2025, 5, 28, 9, 0)).iso() == iso


def test_parse_date_rejects_non_dates():
    for text in ("Follow Us on Facebook", "Lire aussi", "", "   "):
        assert parse_date(text, datetime(2025, 5, 28, 9, 0)) is None
