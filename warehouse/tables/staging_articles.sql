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
    url                 VARCHAR,  -- the page's URL: the crawl's (archive, manifest), else its own canonical
    domain              VARCHAR,  -- the URL's registrable domain (public suffix list)
    outlet_source       VARCHAR,  -- where the outlet came from: manifest | registry | page | domain
    outlet_evidence     VARCHAR,  -- the text the outlet was read from
    boilerplate_line_share DOUBLE,  -- for the article_checks suite (broadsheet.quality); not published
    PRIMARY KEY (run_id, article_id)
);
-- Warehouses created before a column existed get it here (CREATE ... IF NOT EXISTS keeps old tables).
ALTER TABLE staging_articles ADD COLUMN IF NOT EXISTS url VARCHAR;
ALTER TABLE staging_articles ADD COLUMN IF NOT EXISTS domain VARCHAR;
ALTER TABLE staging_articles ADD COLUMN IF NOT EXISTS outlet_source VARCHAR;
ALTER TABLE staging_articles ADD COLUMN IF NOT EXISTS outlet_evidence VARCHAR;
ALTER TABLE staging_articles ADD COLUMN IF NOT EXISTS boilerplate_line_share DOUBLE;
