-- Inputs a run needed no work for, with the reason: `ignored` (not an input: not a regular
-- file, a symlink loop, a link leaving the input roots, an unsupported extension),
-- `unchanged` (file index: read before) and `duplicate` (same bytes as another document).
-- Every other input has its row in staging_articles or quarantine (see input_outcomes).
CREATE TABLE IF NOT EXISTS skipped_inputs (
    run_id      VARCHAR NOT NULL,
    path        VARCHAR NOT NULL,
    outcome     VARCHAR NOT NULL,  -- ignored | unchanged | duplicate
    reason      VARCHAR NOT NULL,
    sha256      VARCHAR            -- unchanged / duplicate: the content it holds
);
