-- Write-audit-publish: a run writes its articles here, they are validated, and only rows
-- that pass the critical checks are copied to `articles` in the publishing transaction.
CREATE TABLE IF NOT EXISTS staging_articles (
    article_id          VARCHAR NOT NULL,
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
    PRIMARY KEY (run_id, article_id)
);
