-- Per day and expectation: how many checks ran and how many rows failed, for trend charts.
CREATE OR REPLACE VIEW quality_trend AS
SELECT
    r.started_at::DATE                     AS day,
    q.suite,
    q.expectation,
    q.severity,
    count(*)                               AS runs,
    count(*) FILTER (NOT q.success)        AS runs_failing,
    sum(q.unexpected_count)                AS rows_failing,
    sum(q.element_count)                   AS rows_checked
FROM quality_results AS q
JOIN runs AS r USING (run_id)
GROUP BY ALL
ORDER BY day, q.suite, q.expectation;
