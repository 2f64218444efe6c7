-- One row per run (scope 'run') and per outlet within it (scope 'outlet'), with the batch
-- metrics the `batch_checks` suite validates. Outlets that usually deliver but sent nothing
-- this run appear with articles = 0 and delivered = false. Only rows that would publish
-- count: a row failing a critical row check (recorded first) is quarantined junk.
CREATE OR REPLACE VIEW batch_checks AS
WITH staged AS (
    SELECT run_id, coalesce(outlet, '(unknown)') AS outlet, published, word_count, content_hash
    FROM staging_articles AS s
    WHERE NOT EXISTS (
        SELECT 1 FROM check_failures AS f
        WHERE f.run_id = s.run_id AND f.article_id = s.article_id AND f.severity = 'critical')
),
history AS (  -- what each outlet looked like in earlier published runs
    SELECT a.outlet, median(a.word_count) AS median_words, count(DISTINCT a.run_id) AS runs
    FROM articles AS a
    WHERE a.outlet IS NOT NULL
    GROUP BY a.outlet
),
recent_runs AS (
    SELECT run_id FROM runs WHERE status IN ('published', 'released') AND published > 0
    ORDER BY started_at DESC LIMIT 5
),
usual_outlets AS (  -- outlets present in at least 3 of the last 5 runs that published anything
    SELECT a.outlet FROM articles AS a JOIN recent_runs USING (run_id)
    WHERE a.outlet IS NOT NULL
    GROUP BY a.outlet HAVING count(DISTINCT a.run_id) >= 3
),
per_scope AS (
    SELECT run_id, 'run' AS scope, NULL AS outlet, * EXCLUDE (run_id, outlet) FROM (
        SELECT run_id, NULL AS outlet, count(*) AS articles,
               count(*) FILTER (published IS NULL) AS undated,
               count(*) FILTER (outlet = '(unknown)') AS without_outlet,
               count(*) - count(DISTINCT content_hash) AS duplicate_bodies,
               median(word_count) AS median_words
        FROM staged GROUP BY run_id
    )
    UNION ALL
    SELECT run_id, 'outlet', outlet, count(*), count(*) FILTER (published IS NULL),
           count(*) FILTER (outlet = '(unknown)'), count(*) - count(DISTINCT content_hash),
           median(word_count)
    FROM staged GROUP BY run_id, outlet
),
top_day AS (  -- a spike of one day usually means a fallback date, not news
    SELECT run_id, max(n) AS top_day_articles FROM (
        SELECT run_id, published, count(*) AS n FROM staged WHERE published IS NOT NULL
        GROUP BY run_id, published
    ) GROUP BY run_id
),
silent AS (
    SELECT r.run_id, 'outlet' AS scope, u.outlet
    FROM (SELECT DISTINCT run_id FROM staged) AS r CROSS JOIN usual_outlets AS u
    WHERE NOT EXISTS (SELECT 1 FROM staged AS s WHERE s.run_id = r.run_id AND s.outlet = u.outlet)
)
SELECT
    p.run_id,
    p.scope || ':' || coalesce(p.outlet, '*') AS check_id,
    p.scope,
    p.outlet,
    p.articles,
    p.articles - p.undated                                   AS dated,
    p.undated / p.articles                                   AS share_undated,
    p.without_outlet / p.articles                            AS share_without_outlet,
    p.duplicate_bodies / p.articles                          AS share_duplicate_bodies,
    p.median_words,
    h.median_words                                           AS history_median_words,
    p.median_words / nullif(h.median_words, 0)               AS median_words_vs_history,
    CASE WHEN p.scope = 'run' THEN t.top_day_articles / nullif(p.articles - p.undated, 0) END
                                                             AS top_day_share,
    true                                                     AS delivered
FROM per_scope AS p
LEFT JOIN history AS h ON p.scope = 'outlet' AND h.outlet = p.outlet AND h.runs >= 2
LEFT JOIN top_day AS t ON p.scope = 'run' AND t.run_id = p.run_id
UNION ALL
SELECT run_id, 'outlet:' || outlet, scope, outlet, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false
FROM silent;
