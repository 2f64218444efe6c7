-- Per outlet and expectation: the share of its checked articles that failed, over runs
-- that were published (a blocked run changes nothing here until it is released).
CREATE OR REPLACE VIEW quality_by_outlet AS
WITH checked AS (
    SELECT DISTINCT s.run_id, s.article_id, coalesce(s.outlet, '(unknown)') AS outlet
    FROM staging_articles AS s
    JOIN runs AS r USING (run_id)
    WHERE r.status IN ('published', 'released')
),
totals AS (
    SELECT outlet, count(*) AS articles FROM checked GROUP BY outlet
)
SELECT
    c.outlet,
    f.expectation,
    f.severity,
    count(*)                                   AS failing,
    t.articles,
    round(count(*) / t.articles, 4)            AS share_failing
FROM check_failures AS f
JOIN checked AS c USING (run_id, article_id)
JOIN totals AS t USING (outlet)
GROUP BY c.outlet, f.expectation, f.severity, t.articles
ORDER BY c.outlet, share_failing DESC;
