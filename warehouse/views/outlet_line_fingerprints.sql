-- Per outlet and line fingerprint: on how many of the outlet's published articles (text
-- pages; copies of one article count once) the line appears, out of how many. Lines on most
-- of an outlet's articles are its template.
CREATE OR REPLACE VIEW outlet_line_fingerprints AS
WITH pages AS (
    SELECT DISTINCT a.outlet, f.article_key, f.fingerprint
    FROM articles AS a
    JOIN page_fingerprints AS f USING (sha256)
    WHERE a.outlet IS NOT NULL AND a.format = 'text'
)
SELECT
    outlet,
    fingerprint,
    count(*)                                                                 AS documents,
    (SELECT count(DISTINCT q.article_key) FROM pages AS q WHERE q.outlet = p.outlet)
                                                                             AS outlet_documents
FROM pages AS p
GROUP BY outlet, fingerprint;
