-- One row per pipeline run: counts per stage and how it ended.
CREATE TABLE IF NOT EXISTS runs (
    run_id          VARCHAR PRIMARY KEY,
    started_at      TIMESTAMPTZ NOT NULL,
    ended_at        TIMESTAMPTZ,
    status          VARCHAR NOT NULL,  -- running | published | nothing-new | blocked | failed
    inputs          VARCHAR[],
    discovered      INTEGER,
    already_known   INTEGER,
    read            INTEGER,
    extracted       INTEGER,
    quarantined     INTEGER,
    published       INTEGER,
    checks_failed   INTEGER,
    message         VARCHAR
);
