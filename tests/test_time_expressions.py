"""resolve_expression: each temporal form resolves at its own precision against the publication date."""
from datetime import date, datetime

import pytest

from eventwire.time import resolve_expression

PUBLISHED = date(2025, 5, 27)   # a Tuesday


@pytest.mark.parametrize("text, expected", [
    ("May 14", ("2025-05-14", "day")),
    ("on May 14", ("2025-05-14", "day")),
    ("14 May", ("2025-05-14", "day")),
    ("May 14, 2019", ("2019-05-14", "day")),
    ("2025-05-14", ("2025-05-14", "day")),
    ("in December", ("2024-12", "month")),
    ("December", ("2024-12", "month")),
    ("in May", ("2025-05", "month")),
    ("last December", ("2024-12", "month")),
    ("earlier this month", ("2025-05", "month")),
    ("this month", ("2025-05", "month")),
    ("last month", ("2025-04", "month")),
    ("last year", ("2024", "year")),
    ("earlier this year", ("2025", "year")),
    ("in 1967", ("1967", "year")),
    ("1967", ("1967", "year")),
    ("in November 2012", ("2012-11", "month")),
    ("in August 2016", ("2016-08", "month")),
    ("yesterday", ("2025-05-26", "day")),
    ("three years ago", ("2022", "year")),
    ("two weeks ago", ("2025-05-13", "day")),
    ("six months ago", ("2024-11", "month")),
    ("on Tuesday", ("2025-05-27", "day")),
    ("Monday", ("2025-05-26", "day")),
    ("on Friday", ("2025-05-23", "day")),
    ("last Tuesday", ("2025-05-20", "day")),
    ("next Friday", ("2025-05-30", "day")),
    ("last week", ("2025-05", "month")),
    ("this week", ("2025-05", "month")),
    ("recently", ("2025-05", "month")),
])
def test_english_expressions_resolve_against_publication(text, expected):
    assert resolve_expression(text, PUBLISHED) == expected


@pytest.mark.parametrize("text, expected", [
    ("ayer", ("2025-05-26", "day")),
    ("anteayer", ("2025-05-25", "day")),
    ("el martes", ("2025-05-27", "day")),
    ("el viernes pasado", ("2025-05-23", "day")),
    ("la semana pasada", ("2025-05", "month")),
    ("el mes pasado", ("2025-04", "month")),
    ("el año pasado", ("2024", "year")),
    ("en diciembre", ("2024-12", "month")),
    ("14 de mayo", ("2025-05-14", "day")),
    ("en noviembre de 2012", ("2012-11", "month")),
    ("hace tres años", ("2022", "year")),
    ("recientemente", ("2025-05", "month")),
])
def test_spanish_expressions(text, expected):
    assert resolve_expression(text, PUBLISHED) == expected


@pytest.mark.parametrize("text, expected", [
    ("hier", ("2025-05-26", "day")),
    ("avant-hier", ("2025-05-25", "day")),
    ("mardi dernier", ("2025-05-20", "day")),
    ("le mois dernier", ("2025-04", "month")),
    ("en décembre", ("2024-12", "month")),
    ("l'année dernière", ("2024", "year")),
    ("ce mois-ci", ("2025-05", "month")),
    ("le 3 janvier 2020", ("2020-01-03", "day")),
    ("il y a deux semaines", ("2025-05-13", "day")),
    ("récemment", ("2025-05", "month")),
])
def test_french_expressions(text, expected):
    assert resolve_expression(text, PUBLISHED) == expected


def test_future_tense_looks_forward():
    assert resolve_expression("on Friday", PUBLISHED, "future") == ("2025-05-30", "day")
    assert resolve_expression("in December", PUBLISHED, "future") == ("2025-12", "month")
    assert resolve_expression("June 3", PUBLISHED, "future") == ("2025-06-03", "day")


def test_month_without_year_crosses_the_year_boundary():
    january = date(2026, 1, 8)
    assert resolve_expression("in December", january) == ("2025-12", "month")
    assert resolve_expression("December 20", january) == ("2025-12-20", "day")
    assert resolve_expression("last month", january) == ("2025-12", "month")
    assert resolve_expression("last week", date(2026, 1, 2)) == ("2025-12", "month")
    assert resolve_expression("yesterday", date(2026, 1, 1)) == ("2025-12-31", "day")


@pytest.mark.parametrize("text", [
    "for three years", "five years", "80-year-old", "the past two weeks", "for years", "durante tres años",
    "the 1990s", "2011-2015",
])
def test_durations_ages_and_ranges_are_not_points(text):
    assert resolve_expression(text, PUBLISHED) is None


def test_relative_forms_need_an_anchor_but_absolute_ones_do_not():
    assert resolve_expression("yesterday", None) is None
    assert resolve_expression("last month", None) is None
    assert resolve_expression("in November 2012", None) == ("2012-11", "month")
    assert resolve_expression("1967", None) == ("1967", "year")


def test_anchor_may_be_a_datetime():
    assert resolve_expression("yesterday", datetime(2025, 5, 28, 9, 0)) == ("2025-05-27", "day")


def test_text_that_is_not_a_date_is_none():
    assert resolve_expression("the ministry", PUBLISHED) is None
    assert resolve_expression("", PUBLISHED) is None


def test_weekends_are_named_by_their_saturday():
    wednesday = date(2018, 2, 14)
    assert resolve_expression("last weekend", wednesday) == ("2018-02-10", "day")
    assert resolve_expression("the weekend", wednesday) == ("2018-02-10", "day")
    assert resolve_expression("this weekend", wednesday, "future") == ("2018-02-17", "day")
    assert resolve_expression("el fin de semana pasado", wednesday) == ("2018-02-10", "day")
    assert resolve_expression("le week-end dernier", wednesday) == ("2018-02-10", "day")


def test_vague_counts_keep_only_the_sure_precision():
    assert resolve_expression("a few months ago", date(2017, 8, 15)) == ("2017", "year")
    assert resolve_expression("several days ago", date(2018, 2, 14)) == ("2018-02", "month")
    assert resolve_expression("a few years ago", date(2018, 2, 14)) is None


def test_numeric_dates_go_to_dateparser_and_bare_numbers_do_not():
    assert resolve_expression("14/02/2018", date(2018, 3, 1)) == ("2018-02-14", "day")
    assert resolve_expression("24", date(2018, 3, 1)) is None


def test_expressions_anchored_on_another_date_are_not_resolved():
    for text in ("the next day", "the previous year", "al día siguiente", "le jour suivant", "three years later"):
        assert resolve_expression(text, PUBLISHED) is None, text


def test_seasons_and_later_this_resolve_to_their_year_or_month():
    assert resolve_expression("last summer", PUBLISHED) == ("2024", "year")
    assert resolve_expression("last summer", date(2025, 10, 1)) == ("2025", "year")
    assert resolve_expression("later this year", PUBLISHED) == ("2025", "year")
    assert resolve_expression("later this month", PUBLISHED) == ("2025-05", "month")
    assert resolve_expression("in recent weeks", PUBLISHED) == ("2025-05", "month")


# ---------------------------------------------------------------- coming events in other tenses
@pytest.mark.parametrize("sentence, expected", [
    ("Tuesday's meeting is expected to focus on aid.", "2025-06-03"),
    ("The opposition plans to boycott Tuesday's talks.", "2025-06-03"),
    ("Officials are preparing for the upcoming Tuesday meeting.", "2025-06-03"),
    ("Diplomats are going to meet on Tuesday.", "2025-06-03"),
    ("The delegation is set to arrive on Friday.", "2025-05-30"),
    ("Ahead of Friday's summit, leaders gathered in Rome.", "2025-05-30"),
    ("Tuesday's meeting ended without agreement.", "2025-05-27"),
    ("The delegation arrived on Friday and set up camp.", "2025-05-23"),
])
def test_a_weekday_is_placed_by_the_tense_aspect_and_nouns_around_it(sentence, expected):
    from eventwire import nlp, time
    from eventwire.model import Article
    article = time.resolve(nlp.parse(Article("t", sentence, published="2025-05-28")))   # a Wednesday
    assert [t.value for t in article.times] == [expected]
