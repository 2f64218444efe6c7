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
    url                 VARCHAR,  -- the page's URL: the crawl's (archive, manifest), else its own canonical
    domain              VARCHAR,  -- the URL's registrable domain (public suffix list)
    outlet_source       VARCHAR,  -- where the outlet came from: manifest | registry | page | domain
    outlet_evidence     VARCHAR,  -- the text the outlet was read from
    published_at        TIMESTAMPTZ NOT NULL
);
-- Warehouses created before a column existed get it here (CREATE ... IF NOT EXISTS keeps old tables).
ALTER TABLE articles ADD COLUMN IF NOT EXISTS url VARCHAR;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS domain VARCHAR;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS outlet_source VARCHAR;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS outlet_evidence VARCHAR;
