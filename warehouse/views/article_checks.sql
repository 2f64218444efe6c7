-- Staged articles with the derived columns the `article_checks` suite validates.
CREATE OR REPLACE VIEW article_checks AS
SELECT
    s.run_id,
    s.article_id,
    s.path,
    s.outlet,
    s.published,
    s.published_kind,
    s.title,
    s.language,
    s.word_count,
    s.content_hash,
    o.name IS NOT NULL                                             AS outlet_in_registry,
    s.published > current_date                                    AS published_in_future,
    s.published < DATE '1990-01-01'                                AS published_before_1990,
    s.published < make_date(o.founded, 1, 1)                       AS published_before_outlet,
    s.published IS NOT NULL AND s.published_kind IS NULL           AS published_without_evidence,
    regexp_matches(coalesce(s.published_evidence, ''), '©|\(c\)|copyright', 'i')
                                                                   AS published_from_copyright,
    length(s.title)                                                AS title_length
FROM staging_articles AS s
LEFT JOIN outlets AS o ON o.name = s.outlet;
