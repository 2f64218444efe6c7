-- Published articles: one row per raw document that yielded an article passing the critical checks.
CREATE TABLE IF NOT EXISTS articles (
    article_id          VARCHAR PRIMARY KEY,
    run_id              VARCHAR NOT NULL,
    sha256              VARCHAR NOT NULL,
    path                VARCHAR NOT NULL,
    format              VARCHAR NOT NULL,
    outlet              VARCHAR,
    title               VARCHAR,
    published           DATE,
    published_evidence  VARCHAR,
    published_kind      VARCHAR,
    dateline            VARCHAR,
    wire                VARCHAR,
    language            VARCHAR,
    body                VARCHAR NOT NULL,
    word_count          INTEGER NOT NULL,
    content_hash        VARCHAR NOT NULL,
    source_host         VARCHAR,
    published_at        TIMESTAMPTZ NOT NULL
);
