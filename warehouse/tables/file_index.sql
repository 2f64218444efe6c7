-- Every input file each run read: its stat and sha256. A path's latest row is its current
-- version; a file whose size and mtime still match it is not read again (a no-op rerun only
-- lists the folders). Rows of a run that died are deleted, so the row before them counts again.
CREATE TABLE IF NOT EXISTS file_index (
    path        VARCHAR NOT NULL,
    run_id      VARCHAR NOT NULL,
    size        BIGINT NOT NULL,
    mtime_ns    BIGINT NOT NULL,  -- -1: too recent to trust, hashed again next run
    sha256      VARCHAR NOT NULL,
    indexed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (path, run_id)
);
