"""Exports read back to the same rows; GDELT 2.0 TSV has GDELT's 61 columns in GDELT's order."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "store"))
from builders import later_meeting, syndicated, unrelated  # noqa: E402
from pgserver import postgres_server, store_url  # noqa: E402,F401  (fixtures)

from eventwire.store import open_store  # noqa: E402
from eventwire.store.export import (FLAT_COLUMNS, GDELT_COLUMNS, GDELT_EXT_COLUMNS, export, flat,  # noqa: E402
                                    unflat)

# GDELT 2.0 event codebook, columns 1-61 (fields 6-25 are Actor1/Actor2 x 10, 36-59 the three geo blocks).
GDELT_HEAD = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
              "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code",
              "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code"]
GDELT_MIDDLE = ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
                "NumMentions", "NumSources", "NumArticles", "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName",
                "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat",
                "Actor1Geo_Long", "Actor1Geo_FeatureID"]
GDELT_TAIL = ["ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
              "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL"]


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    for article in syndicated() + [unrelated(), later_meeting()]:
        s.add_article(article)
    yield s
    s.close()


def all_events(store, **filters):
    return store.events(sort="id", limit=10_000, **filters)


def test_jsonl_reads_back_as_the_stored_events(store, tmp_path):
    path = tmp_path / "events.jsonl"
    assert export(store, "jsonl", str(path)) == 18
    back = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert back == all_events(store)


def test_csv_reads_back_as_the_stored_events(store, tmp_path):
    path = tmp_path / "events.csv"
    assert export(store, "csv", str(path), type="ASSAULT,PROTEST") == 4
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(FLAT_COLUMNS)
    expected = [flat(e) for e in all_events(store, type="ASSAULT,PROTEST")]
    for row, want in zip(rows, expected, strict=True):
        assert row["id"] == str(want["id"]) and row["evidence"] == want["evidence"]
        assert json.loads(row["evidence_spans"]) == want["evidence_spans"]
        assert float(row["location_lat"]) == want["location_lat"] and row["attribution"] == (want["attribution"] or "")


def test_parquet_reads_back_as_the_stored_events(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    assert export(store, "parquet", str(path), page=4) == 18          # several row groups
    table = pq.read_table(path)
    assert table.column_names == list(FLAT_COLUMNS)
    back = [unflat(row) for row in table.to_pylist()]
    expected = [{k: v for k, v in e.items() if k != "attribution_span"} for e in all_events(store)]
    expected = [{k: e[k] for k in back[0]} for e in expected]
    assert back == expected


def test_an_empty_selection_writes_a_valid_empty_parquet(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "none.parquet"
    assert export(store, "parquet", str(path), type="RETREAT") == 0
    assert pq.read_table(path).num_rows == 0


def read_tsv(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def test_gdelt_tsv_has_gdelts_61_columns_in_order(store, tmp_path):
    assert len(GDELT_COLUMNS) == 61
    assert list(GDELT_COLUMNS[:15]) == GDELT_HEAD
    assert [c.replace("Actor2", "Actor1") for c in GDELT_COLUMNS[15:25]] == GDELT_HEAD[5:15]
    assert list(GDELT_COLUMNS[25:43]) == GDELT_MIDDLE
    assert list(GDELT_COLUMNS[51:]) == GDELT_TAIL
    path = tmp_path / "events.gdelt.tsv"
    assert export(store, "gdelt", str(path)) == 18
    rows = read_tsv(path)
    assert len(rows) == 18 and {len(r) for r in rows} == {61}
    ids = [e["id"] for e in all_events(store)]
    assert [int(r[0]) for r in rows] == ids


def test_gdelt_rows_carry_cameo_codes_counts_and_places(store, tmp_path):
    path = tmp_path / "assault.tsv"
    export(store, "gdelt", str(path), header=True, type="ASSAULT", source="SYRMIL", since="2025-03-03")
    header, *rows = read_tsv(path)
    assert header == list(GDELT_COLUMNS)
    row = dict(zip(header, rows[0]))
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20250303", "202503", "2025")
    assert row["Actor1Code"] == "SYRMIL" and row["Actor1CountryCode"] == "SYR" and row["Actor1Type1Code"] == "MIL"
    assert row["Actor2Code"] == "SYRREB" and row["Actor2Type1Code"] == "REB"
    # PLOVER ASSAULT with mode "shelling" is CAMEO 194 (fight with artillery): root 19, material conflict
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"], row["QuadClass"]) == ("194", "194", "19", "4")
    assert row["GoldsteinScale"] == "-10.0"
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("3", "3", "3")
    assert row["ActionGeo_CountryCode"] == "SY"          # GDELT's geography uses FIPS 10-4 country codes
    assert row["ActionGeo_FullName"].startswith("Tal Abyad") and row["ActionGeo_Lat"] == "36.7000"
    assert row["SOURCEURL"].startswith("http") and len(row["DATEADDED"]) == 14


def test_gdelt_ext_adds_evidence_and_attribution(store, tmp_path):
    path = tmp_path / "ext.tsv"
    export(store, "gdelt-ext", str(path), header=True, attributed=True)
    header, *rows = read_tsv(path)
    assert header == list(GDELT_EXT_COLUMNS) and header[:61] == list(GDELT_COLUMNS)
    assert {len(r) for r in rows} == {len(GDELT_EXT_COLUMNS)}
    records = [dict(zip(header, r)) for r in rows]
    assert all(r["Attribution"] for r in records)
    kenya = next(r for r in records if r["PloverType"] == "SANCTION")
    assert kenya["Attribution"] == "two officials" and kenya["Modality"] == "hedged"
    assert kenya["Evidence"] == "Washington is considering new sanctions on Iranian oil exports"
    start, end = json.loads(kenya["EvidenceSpans"])[0]
    assert unrelated().text[start:end] == kenya["Evidence"]
    assert unrelated().text[int(kenya["AttributionStart"]):int(kenya["AttributionEnd"])] == "two officials"


def test_polecat_json_has_one_record_per_event(store, tmp_path):
    path = tmp_path / "events.json"
    assert export(store, "polecat", str(path), country="KEN") == 1
    [record] = json.loads(path.read_text(encoding="utf-8"))
    assert record["event_type"] == "PROTEST" and record["event_date"] == "2025-04-10"
    assert record["actor_country"] == "KEN" and record["actor_sectors"] == ["CVL"]
    assert record["recipient_code"] == "KENGOV" and record["placename"] == "Nairobi"
    assert record["quad_code"] == 3 and record["headline"].startswith("Police fire tear gas")
    empty = tmp_path / "none.json"
    export(store, "polecat", str(empty), type="RETREAT")
    assert json.loads(empty.read_text()) == []


def test_unknown_format_is_a_typed_error(store, tmp_path):
    from eventwire.errors import StoreError
    with pytest.raises(StoreError, match="unknown export format"):
        export(store, "xlsx", str(tmp_path / "x.xlsx"))


def test_cli_export_and_queries(tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app
    db = str(tmp_path / "cli.duckdb")
    with open_store(db) as s:
        for article in syndicated() + [unrelated()]:
            s.add_article(article)
    runner = CliRunner()
    out = tmp_path / "out.tsv"
    result = runner.invoke(app, ["export", "--db", db, "--format", "gdelt", "--out", str(out), "--country", "SYR"])
    assert result.exit_code == 0, result.output
    assert len(read_tsv(out)) == 6
    result = runner.invoke(app, ["events", "--db", db, "--type", "ASSAULT", "--bbox", "35,32,42.5,37.5",
                                 "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["type"] for line in result.stdout.splitlines()] == ["ASSAULT"] * 3
    result = runner.invoke(app, ["clusters", "--db", db, "--min-sources", "3", "--format", "json"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 5
    result = runner.invoke(app, ["stats", "--db", db, "--format", "json"])
    assert json.loads(result.stdout)["stories"] == 2
    result = runner.invoke(app, ["events", "--db", db, "--near", "1,2"])
    assert result.exit_code == 2 and "3 comma-separated numbers" in result.output


def test_gdelt_by_cluster_writes_each_real_world_event_once(store, tmp_path):
    path = tmp_path / "clusters.tsv"
    n = export(store, "gdelt", str(path), header=True, unit="clusters")
    header, *rows = read_tsv(path)
    records = [dict(zip(header, r)) for r in rows]
    assert n == len(records) == store.count_clusters() == 8
    assert sorted(int(r["GLOBALEVENTID"]) for r in records) == sorted(c["id"] for c in store.clusters(limit=100))
    assault = next(r for r in records if r["Actor1Code"] == "SYRMIL")
    assert assault["SQLDATE"] == "20250303" and assault["NumSources"] == "3"
    assert assault["SOURCEURL"] == syndicated()[0].url              # the first article that reported it
    # through beta's mention alone (dated only "2025-03") the cluster's precise date is still written
    beta = syndicated()[1]
    export(store, "gdelt", str(path), header=True, unit="clusters", article_id=beta.id, type="ASSAULT")
    [row] = [dict(zip(header, r)) for r in read_tsv(path)[1:]]
    assert row["SQLDATE"] == "20250303" and row["SOURCEURL"] == beta.url
    with pytest.raises(Exception, match="unit clusters"):
        export(store, "csv", str(tmp_path / "x.csv"), unit="clusters")
