-- Per run and outlet: rows checked, share missing a date or outlet, duplicate bodies and
-- rows quarantined (the `quality-by-outlet` artifact of each run).
CREATE OR REPLACE VIEW run_outlet_quality AS
SELECT
    s.run_id,
    coalesce(s.outlet, '(unknown)')                                   AS outlet,
    count(*)                                                          AS articles,
    round(avg((s.published IS NULL)::INTEGER), 3)                     AS share_undated,
    round(avg((s.outlet IS NULL)::INTEGER), 3)                        AS share_without_outlet,
    count(*) - count(DISTINCT s.content_hash)                         AS duplicate_bodies,
    count(*) FILTER (q.article_id IS NOT NULL)                        AS quarantined
FROM staging_articles AS s
LEFT JOIN quarantine AS q ON q.run_id = s.run_id AND q.article_id = s.article_id
GROUP BY ALL
ORDER BY s.run_id, outlet;
