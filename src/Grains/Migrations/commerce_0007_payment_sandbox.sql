-- The payment sandbox's own tables: payments, refunds and the webhook outbox, so an accepted payment and the
-- webhooks it owes survive a silo's death.
--
-- A payment row in status Processing with decide_at set is itself pending work: when decide_at passes, a delivery
-- loop decides it (from planned_decline_code) and writes the outcome webhook in the same transaction.
CREATE TABLE payment_sandbox_payments (
    id                   text        PRIMARY KEY,
    idempotency_key      text        NOT NULL UNIQUE,
    order_id             text        NOT NULL,
    amount               numeric     NOT NULL CHECK (amount > 0),
    currency             text        NOT NULL,
    status               text        NOT NULL
                                     CHECK (status IN ('Processing', 'Authorized', 'Succeeded', 'Failed', 'Canceled')),
    planned_decline_code text        NULL,
    decline_code         text        NULL,
    refunded             numeric     NOT NULL DEFAULT 0 CHECK (refunded >= 0),
    decide_at            timestamptz NULL,
    created_at           timestamptz NOT NULL
);

-- The decision scan: undecided payments by due time.
CREATE INDEX payment_sandbox_payments_undecided ON payment_sandbox_payments (decide_at) WHERE status = 'Processing';

-- One row per refund idempotency key; a repeated key answers the stored result.
CREATE TABLE payment_sandbox_refunds (
    idempotency_key text        PRIMARY KEY,
    id              text        NOT NULL UNIQUE,
    payment_id      text        NOT NULL REFERENCES payment_sandbox_payments (id),
    amount          numeric     NOT NULL,
    currency        text        NOT NULL,
    succeeded       boolean     NOT NULL,
    failure_code    text        NULL,
    created_at      timestamptz NOT NULL
);

-- The webhook outbox. payload is the exact JSON to send (signed per attempt); copies > 1 repeats it (the
-- DuplicateDeliveries option). A delivery is claimed by bumping attempts and moving next_attempt_at to the end of a
-- lease, so a row whose sender died becomes due again. Statuses: Pending, Delivered, Abandoned.
CREATE TABLE payment_sandbox_webhooks (
    seq             bigserial   PRIMARY KEY,
    event_id        text        NOT NULL,
    kind            text        NOT NULL,
    payment_id      text        NOT NULL REFERENCES payment_sandbox_payments (id),
    payload         text        NOT NULL,
    copies          integer     NOT NULL DEFAULT 1 CHECK (copies >= 1),
    status          text        NOT NULL DEFAULT 'Pending' CHECK (status IN ('Pending', 'Delivered', 'Abandoned')),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error      text        NULL,
    created_at      timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    delivered_at    timestamptz NULL
);

-- The delivery scan: only pending rows, by due time.
CREATE INDEX payment_sandbox_webhooks_due ON payment_sandbox_webhooks (next_attempt_at, seq) WHERE status = 'Pending';
