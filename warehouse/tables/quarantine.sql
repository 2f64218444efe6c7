-- Inputs that could not become a published article, with the stage and the reason.
CREATE TABLE IF NOT EXISTS quarantine (
    run_id          VARCHAR NOT NULL,
    path            VARCHAR NOT NULL,
    sha256          VARCHAR,
    article_id      VARCHAR,
    stage           VARCHAR NOT NULL,  -- ingest | extract | validate
    reason          VARCHAR NOT NULL,
    quarantined_at  TIMESTAMPTZ NOT NULL
);
