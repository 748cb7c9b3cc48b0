-- Order summaries: a projection of order status events (the order grains stay the source of
-- truth). Written only when the event is newer than the row, so replays and races are harmless.
CREATE TABLE order_summaries (
    order_id     text          PRIMARY KEY,
    customer_id  text          NOT NULL,
    payment      text          NOT NULL,
    fulfilment   text          NOT NULL,
    total        numeric(18,2) NOT NULL,
    currency     text          NOT NULL,
    last_event   text          NOT NULL,
    version      bigint        NOT NULL,
    created_at   timestamptz   NOT NULL,
    updated_at   timestamptz   NOT NULL,
    paid_at      timestamptz   NULL
);
CREATE INDEX order_summaries_customer ON order_summaries (customer_id, created_at DESC);
CREATE INDEX order_summaries_created ON order_summaries (created_at DESC);
CREATE INDEX order_summaries_status ON order_summaries (payment, fulfilment, created_at DESC);

-- Payment outcomes over time, for the failure-rate counter.
CREATE TABLE payment_outcomes (
    order_id    text        NOT NULL,
    version     bigint      NOT NULL,
    outcome     text        NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (order_id, version)
);
CREATE INDEX payment_outcomes_at ON payment_outcomes (at);

-- Accounts. Customer id = user id. Passwords hashed with ASP.NET Core Identity's PBKDF2 hasher.
CREATE TABLE users (
    user_id        text        PRIMARY KEY,
    email          text        NOT NULL,
    password_hash  text        NOT NULL,
    role           text        NOT NULL CHECK (role IN ('Admin', 'Staff', 'Customer')),
    totp_secret    text        NULL,
    totp_enabled   boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

-- Raw webhook events, stored before they are processed: nothing is lost, a replay is a no-op.
CREATE TABLE webhook_events (
    id               bigserial   PRIMARY KEY,
    provider         text        NOT NULL,
    event_id         text        NOT NULL,
    event_type       text        NOT NULL,
    payload          text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('Received', 'Processed', 'Failed', 'Abandoned')),
    attempts         integer     NOT NULL DEFAULT 0,
    last_error       text        NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    processed_at     timestamptz NULL,
    UNIQUE (provider, event_id)
);
CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE status IN ('Received', 'Failed');

-- Rejected webhook calls (bad signature, stale, malformed, oversized), counted for alerts.
CREATE TABLE webhook_rejections (
    id           bigserial   PRIMARY KEY,
    provider     text        NOT NULL,
    reason       text        NOT NULL,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_rejections_at ON webhook_rejections (at);

-- Alerts raised by the dashboard monitor.
CREATE TABLE alerts (
    id          bigserial   PRIMARY KEY,
    kind        text        NOT NULL,
    message     text        NOT NULL,
    value       numeric     NOT NULL,
    threshold   numeric     NOT NULL,
    raised_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_raised ON alerts (raised_at DESC);
