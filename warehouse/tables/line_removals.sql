-- Provenance of cleaning: per article, how many lines were removed for each reason.
CREATE TABLE IF NOT EXISTS line_removals (
    article_id  VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    lines       INTEGER NOT NULL,
    PRIMARY KEY (article_id, reason)
);
