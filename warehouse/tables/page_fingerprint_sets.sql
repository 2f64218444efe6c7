-- The distinct line fingerprints of each stored text page (broadsheet.extract.templates), so
-- an outlet's template can be learned from its pages as they accumulate. `article_key` names
-- the article on the page: copies of one article share it and count once. One row per page
-- with a list, not a row per line: a batch's insert and its key check stay per page.
CREATE TABLE IF NOT EXISTS page_fingerprint_sets (
    sha256        VARCHAR PRIMARY KEY,
    article_key   VARCHAR NOT NULL,
    fingerprints  UBIGINT[] NOT NULL
);
