-- Cluster membership (R10). One row per silo incarnation: a restart is a new row with a higher
-- generation. Times are the database's clock (now()), so failure detection never compares
-- clocks of different machines. version changes on every status change; every status update is
-- conditional on the version its writer read, so two silos can never overwrite each other's view
-- (a silo cannot resurrect itself after a peer declared it Dead). Heartbeats touch only
-- last_heartbeat and never a Dead row.
CREATE TABLE cluster_membership (
    cluster_id        text        NOT NULL,
    silo_id           text        NOT NULL,
    silo_name         text        NOT NULL,
    host              text        NOT NULL,
    silo_port         integer     NOT NULL CHECK (silo_port BETWEEN 1 AND 65535),
    generation        bigint      NOT NULL,
    status            text        NOT NULL CHECK (status IN ('Joining', 'Active', 'ShuttingDown', 'Dead')),
    start_time        timestamptz NOT NULL,
    last_heartbeat    timestamptz NOT NULL,
    status_changed_at timestamptz NOT NULL,
    version           bigint      NOT NULL DEFAULT 1,
    PRIMARY KEY (cluster_id, silo_id),
    UNIQUE (cluster_id, host, silo_port, generation)
);
