-- eventwire store schema, version 1. {json} and {bytes} are the dialect's JSON and binary types.
-- No foreign keys: DuckDB's FK checks make the store's updates slow and fragile; add_article writes an
-- article and everything that hangs off it in one transaction instead.

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,       -- Article.id: prefix of the content hash
    content_hash  TEXT NOT NULL UNIQUE,   -- same clean body => stored once
    source        TEXT NOT NULL,
    url           TEXT,
    outlet        TEXT,                   -- host of url, else the source's directory: counts distinct sources
    title         TEXT,
    published     TEXT,
    published_day DATE,
    language      TEXT,
    text          TEXT NOT NULL,
    retrieved     TIMESTAMP,
    added         TIMESTAMP NOT NULL,
    seen          TIMESTAMP NOT NULL,     -- published, else retrieved, else added: when the story was reported
    meta          {json},
    sentences     {json},
    actors        {json},
    places        {json},
    times         {json},
    story_id      TEXT NOT NULL,
    n_events      INTEGER NOT NULL
);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_published_day ON articles (published_day);

-- MinHash signature of each article, and the LSH band buckets that find its near-duplicates incrementally.
CREATE TABLE doc_signatures (
    article_id TEXT PRIMARY KEY,
    story_id   TEXT NOT NULL,
    n_shingles INTEGER NOT NULL,
    minhash    {bytes} NOT NULL
);
CREATE TABLE lsh_buckets (
    bucket     BIGINT NOT NULL,
    article_id TEXT NOT NULL
);
CREATE INDEX lsh_buckets_bucket ON lsh_buckets (bucket);

-- Settings fixed when the store is created (LSH band layout must not change under stored buckets).
CREATE TABLE store_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE SEQUENCE event_ids START 1;
CREATE SEQUENCE cluster_ids START 1;
CREATE SEQUENCE failure_ids START 1;

CREATE TABLE events (
    id               BIGINT PRIMARY KEY,
    article_id       TEXT NOT NULL,
    idx              INTEGER NOT NULL,    -- position in Article.events
    cluster_id       BIGINT NOT NULL,
    story_id         TEXT NOT NULL,
    type             TEXT NOT NULL,
    mode             TEXT,
    source           TEXT NOT NULL,
    target           TEXT NOT NULL,
    source3          TEXT NOT NULL,
    target3          TEXT NOT NULL,
    source_text      TEXT,
    target_text      TEXT,
    source_actor     INTEGER,
    target_actor     INTEGER,
    date             TEXT,
    day_lo           DATE,                -- the event date's first and last day; the published day when undated
    day_hi           DATE,
    date_span        {json},
    loc_name         TEXT,
    loc_country      TEXT,
    loc_admin1       TEXT,
    loc_kind         TEXT,
    loc_lat          DOUBLE PRECISION,
    loc_lon          DOUBLE PRECISION,
    loc_geonames_id  BIGINT,
    location_span    {json},
    attribution      TEXT,
    attribution_span {json},
    modality         TEXT NOT NULL,
    is_symmetric     BOOLEAN NOT NULL,
    trigger_span     {json},
    cameo            TEXT,
    quad_class       INTEGER,
    intensity        DOUBLE PRECISION,
    confidence       DOUBLE PRECISION,
    in_lead          BOOLEAN NOT NULL,    -- stated in the first paragraph (GDELT IsRootEvent)
    evidence         TEXT,
    evidence_spans   {json}
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_cluster ON events (cluster_id);
CREATE INDEX events_type_day ON events (type, day_lo);
CREATE INDEX events_source3 ON events (source3);
CREATE INDEX events_target3 ON events (target3);

-- One real-world event reported by one or more articles.
CREATE TABLE event_clusters (
    id          BIGINT PRIMARY KEY,
    type        TEXT NOT NULL,
    dyad        TEXT NOT NULL,            -- "SRC|TGT" leading parts, sorted when the type is symmetric
    scope       TEXT,                     -- a story id when an actor is unknown: such events only join copies
    source      TEXT NOT NULL,
    target      TEXT NOT NULL,
    is_symmetric BOOLEAN NOT NULL,
    date        TEXT,
    day_lo      DATE,                     -- the interval mentions must overlap (widened by the window)
    day_hi      DATE,
    loc_name    TEXT,
    loc_country TEXT,
    loc_lat     DOUBLE PRECISION,
    loc_lon     DOUBLE PRECISION,
    first_seen  TIMESTAMP,
    last_seen   TIMESTAMP,
    n_mentions  INTEGER NOT NULL,
    n_articles  INTEGER NOT NULL,
    n_sources   INTEGER NOT NULL
);
CREATE INDEX event_clusters_key ON event_clusters (type, dyad);

CREATE TABLE failures (
    id     BIGINT PRIMARY KEY,
    source TEXT NOT NULL,
    stage  TEXT NOT NULL,
    reason TEXT NOT NULL,
    time   TIMESTAMP NOT NULL
);
