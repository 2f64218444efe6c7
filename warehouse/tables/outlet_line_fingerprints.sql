-- Per-outlet line fingerprints: lines that recur across an outlet's pages are template.
CREATE TABLE IF NOT EXISTS outlet_line_fingerprints (
    outlet       VARCHAR NOT NULL,
    fingerprint  VARCHAR NOT NULL,
    documents    INTEGER NOT NULL,
    PRIMARY KEY (outlet, fingerprint)
);
