-- Every input path of every run, exactly once, with its outcome: published, blocked (staged by
-- a run a critical batch check blocked, until released), quarantined (stage and reason),
-- duplicate (of which document), unchanged or ignored.
CREATE OR REPLACE VIEW input_outcomes AS
WITH staged AS (
    SELECT s.run_id, s.path, s.article_id, q.stage, q.reason, r.status
    FROM staging_articles AS s
    JOIN runs AS r USING (run_id)
    LEFT JOIN quarantine AS q ON q.run_id = s.run_id AND q.article_id = s.article_id AND q.stage = 'validate'
),
first_paths AS (  -- where each content is stored, for naming what a duplicate copies
    SELECT sha256, min(path) AS path FROM (
        SELECT sha256, path FROM raw_documents
        UNION ALL SELECT sha256, path FROM quarantine WHERE sha256 IS NOT NULL
    ) GROUP BY sha256
)
SELECT run_id, path,
       CASE WHEN reason IS NOT NULL THEN 'quarantined'
            WHEN status IN ('published', 'released') THEN 'published'
            WHEN status = 'blocked' THEN 'blocked'
            ELSE 'staged' END                                   AS outcome,
       CASE WHEN reason IS NOT NULL THEN 'validate' END         AS stage,
       reason,
       article_id,
       NULL                                                     AS duplicate_of
FROM staged
UNION ALL
SELECT run_id, path, 'quarantined', stage, reason, article_id, NULL
FROM quarantine WHERE stage <> 'validate'
UNION ALL
SELECT i.run_id, i.path, i.outcome, NULL, i.reason, i.sha256[:16],
       f.path
FROM skipped_inputs AS i LEFT JOIN first_paths AS f ON i.outcome = 'duplicate' AND f.sha256 = i.sha256;
