-- Grain state: one row per grain type, key and state name. The primary key makes duplicate
-- rows impossible; version is the ETag every write is conditional on. A cleared state keeps
-- its row with a NULL payload so versions never go back.
CREATE TABLE grain_state (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state_name  text        NOT NULL,
    payload     jsonb       NULL,
    version     bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key, state_name)
);
