-- Row-level failures: which article failed which expectation in which run.
CREATE TABLE IF NOT EXISTS check_failures (
    run_id       VARCHAR NOT NULL,
    article_id   VARCHAR NOT NULL,
    expectation  VARCHAR NOT NULL,
    severity     VARCHAR NOT NULL
);
