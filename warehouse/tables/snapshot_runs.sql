-- Which runs' Parquet parts the readers' copy has, as of which end of the run: a run that
-- ends again (released) or was never exported (killed before its snapshot) is exported next.
CREATE TABLE IF NOT EXISTS snapshot_runs (
    run_id       VARCHAR PRIMARY KEY,
    exported_at  TIMESTAMPTZ NOT NULL
);
