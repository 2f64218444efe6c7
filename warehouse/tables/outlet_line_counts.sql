-- Per outlet and line fingerprint: on how many of the outlet's published articles the line
-- appears. Kept incrementally at publish, so learning a template reads these counts, not
-- the outlet's history; a line on most of an outlet's articles is its template.
CREATE TABLE IF NOT EXISTS outlet_line_counts (
    outlet       VARCHAR NOT NULL,
    fingerprint  VARCHAR NOT NULL,
    articles     BIGINT NOT NULL,
    PRIMARY KEY (outlet, fingerprint)
);
