-- The distinct articles (article_key: copies of one article share it) of each outlet's
-- published text pages, counted once each into outlet_line_counts when first published.
CREATE TABLE IF NOT EXISTS outlet_article_keys (
    outlet       VARCHAR NOT NULL,
    article_key  VARCHAR NOT NULL,
    PRIMARY KEY (outlet, article_key)
);
