-- The old home-made runtime's tables go: it is replaced by Orleans and no production data
-- exists. Its migration records go with them so schema_migrations describes what is there.
DROP TABLE IF EXISTS grain_state;
DROP TABLE IF EXISTS grain_reminders;
DROP TABLE IF EXISTS cluster_membership;
DELETE FROM schema_migrations WHERE module = 'runtime';

-- Grain state behind Orleans' IGrainStorage (PostgresGrainStorage). One row per service,
-- grain type, full grain key (as text, never parsed or hashed) and state name. COLLATE "C":
-- identity is byte equality, whatever the database's default collation. version is the
-- ETag; every write is conditional on it. A cleared state keeps its row with a NULL payload
-- (a tombstone), so versions never go back and a stale writer can never match a new row.
CREATE TABLE grain_storage (
    service_id text COLLATE "C" NOT NULL,
    grain_type text COLLATE "C" NOT NULL,
    grain_key  text COLLATE "C" NOT NULL,
    state_name text COLLATE "C" NOT NULL,
    payload    jsonb            NULL,
    version    bigint           NOT NULL CHECK (version > 0),
    updated_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_key, state_name)
);
