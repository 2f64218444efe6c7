-- The distinct line fingerprints of each stored text page (broadsheet.fingerprints), so an
-- outlet's template can be learned from its pages as they accumulate. `article_key` names
-- the article on the page: copies of one article share it and count once.
CREATE TABLE IF NOT EXISTS page_fingerprints (
    sha256       VARCHAR NOT NULL,
    article_key  VARCHAR NOT NULL,
    fingerprint  VARCHAR NOT NULL,
    PRIMARY KEY (sha256, fingerprint)
);
