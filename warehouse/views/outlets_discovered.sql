-- Outlets that published pages named but the registry does not know (outlet_source page,
-- domain or manifest, and no registry row of that name): for a person to look at and add to
-- seeds/outlets.csv (`broadsheet outlets promote NAME`). Once promoted, an outlet leaves this
-- view, its earlier articles included, and its next pages match it from the registry.
CREATE OR REPLACE VIEW outlets_discovered AS
SELECT
    a.outlet                                                    AS name,
    mode(a.domain)                                              AS domain,  -- its most frequent
    list(DISTINCT a.domain ORDER BY a.domain) FILTER (a.domain IS NOT NULL)
                                                                AS domains,
    arg_max(a.outlet_evidence, a.published_at)                  AS evidence,  -- the latest example
    list(DISTINCT a.outlet_source ORDER BY a.outlet_source)     AS sources,
    min(a.published)                                            AS first_seen,
    max(a.published)                                            AS last_seen,
    min(a.published_at)                                         AS first_published_at,
    max(a.published_at)                                         AS last_published_at,
    count(*)                                                    AS pages
FROM articles AS a
WHERE a.outlet IS NOT NULL
  AND a.outlet_source IS DISTINCT FROM 'registry'
  AND NOT EXISTS (SELECT 1 FROM outlets AS o WHERE o.name = a.outlet)
GROUP BY a.outlet
ORDER BY pages DESC, name;
