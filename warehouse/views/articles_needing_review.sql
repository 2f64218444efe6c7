-- Published articles flagged by a warning check (e.g. no outlet, no date), for a person to look at.
CREATE OR REPLACE VIEW articles_needing_review AS
SELECT
    a.article_id,
    a.outlet,
    a.published,
    a.title,
    a.path,
    list(DISTINCT f.expectation ORDER BY f.expectation) AS failed_checks
FROM articles AS a
JOIN check_failures AS f ON f.article_id = a.article_id AND f.run_id = a.run_id
WHERE f.severity = 'warning'
GROUP BY ALL
ORDER BY a.outlet NULLS FIRST, a.published;
