-- One row per run and expectation: the Great Expectations result.
CREATE TABLE IF NOT EXISTS quality_results (
    run_id              VARCHAR NOT NULL,
    suite               VARCHAR NOT NULL,
    expectation         VARCHAR NOT NULL,
    severity            VARCHAR NOT NULL,  -- critical | warning
    success             BOOLEAN NOT NULL,
    element_count       INTEGER,
    unexpected_count    INTEGER,
    unexpected_percent  DOUBLE,
    examples            VARCHAR,  -- JSON list of example article ids / values
    checked_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, suite, expectation)
);
