-- The outlet registry, loaded from seeds/outlets.csv on every run.
CREATE TABLE IF NOT EXISTS outlets (
    name        VARCHAR PRIMARY KEY,
    aliases     VARCHAR[],
    domains     VARCHAR[],
    country     VARCHAR,
    languages   VARCHAR[],
    founded     INTEGER NOT NULL
);
