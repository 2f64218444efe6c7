-- Every input document as read, text unchanged; keyed by the sha256 of the stored bytes.
CREATE TABLE IF NOT EXISTS raw_documents (
    sha256      VARCHAR PRIMARY KEY,
    path        VARCHAR NOT NULL,
    size        BIGINT NOT NULL,
    format      VARCHAR NOT NULL,
    encoding    VARCHAR NOT NULL,
    content     VARCHAR NOT NULL,
    first_seen  TIMESTAMPTZ NOT NULL,
    run_id      VARCHAR NOT NULL
);
