-- Per outlet and line fingerprint: on how many of the outlet's published articles the line
-- appears, one row per publishing run that saw it (readers sum them). Kept incrementally at
-- publish, so learning a template reads these counts, not the outlet's history; a line on
-- most of an outlet's articles is its template. No key: a run appends its counts, which
-- DuckDB can spill to disk, where an upsert needs an in-memory index over every line ever
-- seen (18M at 100k pages, nearly all of them body lines seen once).
CREATE TABLE IF NOT EXISTS outlet_line_counts (
    outlet       VARCHAR NOT NULL,
    fingerprint  UBIGINT NOT NULL,
    articles     BIGINT NOT NULL
);
