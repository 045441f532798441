-- skytally store, schema version 2. Plain SQL; store.py applies it to a new store and refuses
-- a store written by a newer schema. Every load is one transaction (see docs/ledger.md).

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every dataset file ever loaded; exactly one is current (its rows are in dataset_rows).
CREATE TABLE IF NOT EXISTS dataset_versions (
    id             INTEGER PRIMARY KEY,
    file_name      TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    origin         TEXT NOT NULL,          -- the path or URL it was read from
    loaded_at      TEXT NOT NULL,          -- UTC, ISO 8601
    row_count      INTEGER NOT NULL,
    rejected_count INTEGER NOT NULL,
    header         TEXT NOT NULL,          -- JSON list of the column names
    is_current     INTEGER NOT NULL DEFAULT 0
);

-- The current version's rows: original cells (raw, JSON) and normalised fields.
CREATE TABLE IF NOT EXISTS dataset_rows (
    id                   INTEGER PRIMARY KEY,
    version_id           INTEGER NOT NULL REFERENCES dataset_versions(id),
    line                 INTEGER NOT NULL,  -- line in the file, header = line 1
    row_key              TEXT NOT NULL,     -- time_start|time_end|model|source|occurrence
    raw                  TEXT NOT NULL,
    time_start           TEXT NOT NULL,     -- Europe/Kyiv, ISO 8601 with offset
    time_end             TEXT NOT NULL,
    time_start_has_time  INTEGER NOT NULL,
    time_end_has_time    INTEGER NOT NULL,
    model_raw            TEXT NOT NULL,
    model                TEXT NOT NULL,     -- taxonomy id ("A + B" for a combined row)
    models               TEXT NOT NULL,     -- JSON list of taxonomy ids ([] if unknown)
    weapon_class         TEXT,              -- NULL when the taxonomy does not know the model
    category             TEXT,              -- drone | missile | bomb
    combined             INTEGER NOT NULL,
    launched             INTEGER,
    destroyed            INTEGER,
    not_reach_goal       INTEGER,
    still_attacking      INTEGER,
    hit_locations        INTEGER,
    debris_locations     INTEGER,
    launch_places        TEXT NOT NULL,     -- JSON list
    target               TEXT NOT NULL,
    target_main          TEXT NOT NULL,
    carrier              TEXT NOT NULL,
    affected_region      TEXT NOT NULL,     -- JSON list of oblasts
    destroyed_details    TEXT NOT NULL,     -- JSON object direction -> count (null = NaN)
    launched_details     TEXT NOT NULL,     -- JSON object model -> count
    launch_place_details TEXT NOT NULL,     -- JSON object model -> places
    reporter             TEXT NOT NULL,     -- kpszsu, PvKPivden, ...
    reporter_kind        TEXT NOT NULL,     -- national | regional | other
    source               TEXT NOT NULL,
    source_url           TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dataset_rows_end ON dataset_rows (time_end);

-- Rows of a version that could not be loaded, with the reason (file, line, field, message).
CREATE TABLE IF NOT EXISTS rejected_rows (
    id         INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES dataset_versions(id),
    line       INTEGER NOT NULL,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,
    reason     TEXT NOT NULL
);

-- What changed from the previous current version to this one.
CREATE TABLE IF NOT EXISTS version_changes (
    id         INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES dataset_versions(id),
    change     TEXT NOT NULL,               -- added | removed | edited
    row_key    TEXT NOT NULL,
    line_old   INTEGER,
    line_new   INTEGER,
    field      TEXT,
    old_value  TEXT,
    new_value  TEXT
);

-- The weapon-models reference file shipped with the dataset (missiles_and_uavs.csv), if given.
CREATE TABLE IF NOT EXISTS reference_models (
    version_id INTEGER NOT NULL REFERENCES dataset_versions(id),
    model      TEXT NOT NULL,
    category   TEXT NOT NULL,
    raw        TEXT NOT NULL
);

-- Schema version 2: sources beside the dataset (issue #5).

-- The Air Force's own report texts, as the report parser understood them.
CREATE TABLE IF NOT EXISTS reports (
    id             INTEGER PRIMARY KEY,
    text_sha256    TEXT NOT NULL UNIQUE,    -- the same text is stored once
    kind           TEXT NOT NULL,           -- national_morning_report | daytime_report
    kyiv_date      TEXT NOT NULL,
    window_start   TEXT,                    -- Europe/Kyiv, ISO 8601 with offset
    window_end     TEXT,
    lang           TEXT NOT NULL,
    source_url     TEXT NOT NULL,
    posted_at      TEXT,
    read_at        TEXT NOT NULL,           -- UTC, when skytally stored it
    parser_version TEXT NOT NULL,
    partial        INTEGER NOT NULL,        -- stored with --accept-partial
    text           TEXT NOT NULL,
    parsed         TEXT NOT NULL,           -- the parser's JSON (docs/reports.md)
    replaced_by    INTEGER REFERENCES reports(id)
);

CREATE TABLE IF NOT EXISTS report_figures (
    id                INTEGER PRIMARY KEY,
    report_id         INTEGER NOT NULL REFERENCES reports(id),
    position          INTEGER NOT NULL,
    model             TEXT NOT NULL,
    model_text        TEXT NOT NULL,
    weapon_class      TEXT NOT NULL,
    category          TEXT NOT NULL,
    launched          INTEGER,
    launched_bound    TEXT NOT NULL,
    destroyed         INTEGER,
    destroyed_bound   TEXT NOT NULL,
    lost_to_ew        INTEGER,
    counted_elsewhere INTEGER NOT NULL,
    span_start        INTEGER NOT NULL,
    span_end          INTEGER NOT NULL
);

-- A person's correction of one figure, with its citation. Never edits dataset_rows.
CREATE TABLE IF NOT EXISTS corrections (
    id         INTEGER PRIMARY KEY,
    attack_id  TEXT NOT NULL,
    model      TEXT NOT NULL,
    field      TEXT NOT NULL,               -- launched | destroyed
    value      INTEGER NOT NULL,
    source_url TEXT NOT NULL,
    note       TEXT NOT NULL,
    added_at   TEXT NOT NULL
);

-- Named events added by a person (the web API's POST /api/events), beside the shipped
-- skytally/context/data/events.csv; same columns, validated by skytally.context.events.
CREATE TABLE IF NOT EXISTS user_events (
    id         TEXT PRIMARY KEY,
    date       TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    name_fr    TEXT NOT NULL,
    name_uk    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    source_url TEXT NOT NULL,
    added_at   TEXT NOT NULL
);

-- The attacks a dataset version makes, as built by skytally/ledger/attack_cache.py: a cache that
-- a cold command reads instead of regrouping every row; keyed by the version and the code's hash.
CREATE TABLE IF NOT EXISTS attack_cache (
    version_sha256 TEXT NOT NULL,
    code_key       TEXT NOT NULL,
    payload        BLOB NOT NULL,
    PRIMARY KEY (version_sha256, code_key)
);
