-- The analysts' table: every published article with its outlet's registry data.
CREATE OR REPLACE VIEW published_articles AS
SELECT
    a.article_id,
    a.outlet,
    a.outlet_source,    -- registry | page | domain | manifest
    o.country           AS outlet_country,
    a.published,
    a.title,
    a.dateline,
    a.wire,
    a.language,
    a.word_count,
    a.body,
    a.published_evidence,
    a.published_kind,
    a.url,
    a.domain,
    a.path,
    a.run_id,
    a.published_at
FROM articles AS a
LEFT JOIN outlets AS o ON o.name = a.outlet;
