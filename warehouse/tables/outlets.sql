-- The outlet registry, loaded from seeds/outlets.csv on every run.
CREATE TABLE IF NOT EXISTS outlets (
    name        VARCHAR PRIMARY KEY,
    aliases     VARCHAR[],
    domains     VARCHAR[],
    country     VARCHAR,
    languages   VARCHAR[],
    founded     INTEGER  -- empty in a promoted row until a person fills it
);
-- Warehouses created when `founded` was required: a promoted row may leave it empty.
ALTER TABLE outlets ALTER COLUMN founded DROP NOT NULL;
