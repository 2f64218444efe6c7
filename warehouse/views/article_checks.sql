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
    CASE WHEN s.outlet IS NOT NULL THEN o.name IS NOT NULL END     AS outlet_in_registry,
    s.published > current_date                                    AS published_in_future,
    s.published < DATE '1990-01-01'                                AS published_before_1990,
    s.published < make_date(o.founded, 1, 1)                       AS published_before_outlet,
    s.published IS NOT NULL AND s.published_kind IS NULL           AS published_without_evidence,
    regexp_matches(coalesce(s.published_evidence, ''), '©|\(c\)|copyright', 'i')
                                                                   AS published_from_copyright,
    length(s.title)                                                AS title_length,
    o.name IS NULL OR s.language IS NULL OR list_contains(o.languages, s.language)
                                                                   AS language_expected,
    -- short lines without sentence punctuation left in the body: menus, share buttons
    -- (computed per document by the worker: broadsheet.quality.boilerplate_line_share)
    s.boilerplate_line_share,
    CASE WHEN s.source_host IS NOT NULL AND o.name IS NOT NULL THEN
        list_bool_or(list_transform(o.domains, lambda d:
            s.source_host = d OR ends_with(s.source_host, '.' || d)))
    END                                                            AS outlet_domain_consistent,
    -- articles at paths this run re-stages are being replaced by it (new version, rebuild)
    EXISTS (SELECT 1 FROM articles AS a
            WHERE a.content_hash = s.content_hash AND a.article_id <> s.article_id
              AND a.path NOT IN (SELECT r.path FROM staging_articles AS r WHERE r.run_id = s.run_id))
                                                                   AS duplicate_of_published
FROM staging_articles AS s
LEFT JOIN outlets AS o ON o.name = s.outlet;
