-- How much each outlet published per month (undated articles under a null month).
CREATE OR REPLACE VIEW coverage_by_outlet_month AS
SELECT
    coalesce(outlet, '(unknown)')          AS outlet,
    date_trunc('month', published)::DATE  AS month,
    count(*)                              AS articles,
    sum(word_count)                       AS words
FROM published_articles
GROUP BY ALL
ORDER BY outlet, month NULLS LAST;
