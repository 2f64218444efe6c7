-- Published rows a later run withdrew (a new version of the path, or the content moved), by
-- the run that had published them: readers' per-run files of `articles` are append-only, and
-- this is what they subtract (see broadsheet/snapshot.py).
CREATE TABLE IF NOT EXISTS withdrawn_articles (
    article_id    VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL,  -- the run that published the row
    withdrawn_by  VARCHAR NOT NULL   -- the run that withdrew it
);
