-- Every input document as read, text unchanged; keyed by the sha256 of the stored bytes.
-- `content` is the decoded text packed (UTF-8 in a zstd frame, broadsheet.records.pack), about a
-- fifth of its size: in Python `zstandard.decompress(content).decode()`.
CREATE TABLE IF NOT EXISTS raw_documents (
    sha256      VARCHAR PRIMARY KEY,
    path        VARCHAR NOT NULL,
    size        BIGINT NOT NULL,
    format      VARCHAR NOT NULL,
    encoding    VARCHAR NOT NULL,
    content     BLOB NOT NULL,
    first_seen  TIMESTAMPTZ NOT NULL,
    run_id      VARCHAR NOT NULL,
    url         VARCHAR,      -- what the crawl knew (web archive record, manifest)
    fetched_at  TIMESTAMPTZ,
    claimed_outlet VARCHAR    -- the outlet a crawl manifest names
);
-- Warehouses created before a column existed get it here (CREATE ... IF NOT EXISTS keeps old tables).
ALTER TABLE raw_documents ADD COLUMN IF NOT EXISTS url VARCHAR;
ALTER TABLE raw_documents ADD COLUMN IF NOT EXISTS fetched_at TIMESTAMPTZ;
ALTER TABLE raw_documents ADD COLUMN IF NOT EXISTS claimed_outlet VARCHAR;
