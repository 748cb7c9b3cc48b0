-- Transactional email log: one row per notification key (UNIQUE, so a key is never sent twice). A send attempt
-- is claimed by bumping attempts and moving next_attempt_at to the end of a grace period, so a row whose sender
-- died becomes due again. Statuses: Pending, Sent, Failed, Abandoned.
CREATE TABLE email_log (
    id              bigserial   PRIMARY KEY,
    key             text        NOT NULL UNIQUE,
    kind            text        NOT NULL,
    recipient       text        NOT NULL,
    subject         text        NOT NULL,
    text_body       text        NOT NULL,
    html_body       text        NOT NULL,
    status          text        NOT NULL DEFAULT 'Pending'
                                CHECK (status IN ('Pending', 'Sent', 'Failed', 'Abandoned')),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error      text        NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz NULL
);

-- The retry scan: only unsent rows, by due time.
CREATE INDEX email_log_due ON email_log (next_attempt_at) WHERE status IN ('Pending', 'Failed');

-- The admin list: newest first, optionally by status.
CREATE INDEX email_log_created ON email_log (created_at DESC, id DESC);
CREATE INDEX email_log_status_created ON email_log (status, created_at DESC, id DESC);
