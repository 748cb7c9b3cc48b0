-- Durable reminders. period_ms is NULL for one-shot reminders. next_due is when the next tick
-- (or retry of a failed tick) falls due; version guards against a tick's bookkeeping
-- overwriting a registration the grain made meanwhile.
CREATE TABLE grain_reminders (
    grain_type    text        NOT NULL,
    grain_key     text        NOT NULL,
    reminder_name text        NOT NULL,
    start_at      timestamptz NOT NULL,
    period_ms     bigint      NULL CHECK (period_ms IS NULL OR period_ms > 0),
    next_due      timestamptz NOT NULL,
    attempt       integer     NOT NULL DEFAULT 0,
    version       bigint      NOT NULL DEFAULT 1,
    PRIMARY KEY (grain_type, grain_key, reminder_name)
);

CREATE INDEX grain_reminders_next_due ON grain_reminders (next_due);
