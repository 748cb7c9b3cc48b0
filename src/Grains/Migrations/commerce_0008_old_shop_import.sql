-- Newsletter subscriptions, one row per lower-cased address. consent_at is when the shopper agreed (kept from the
-- old shop on import); a row with subscribed = false is an unsubscribe that must be honoured (also for addresses
-- that never subscribed: it suppresses marketing mail to them).
CREATE TABLE newsletter_subscribers (
    email            text        PRIMARY KEY CHECK (email = lower(email)),
    subscribed       boolean     NOT NULL,
    consent_at       timestamptz NULL,
    unsubscribed_at  timestamptz NULL,
    source           text        NOT NULL CHECK (source IN ('form', 'import', 'unsubscribe')),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (NOT subscribed OR consent_at IS NOT NULL)
);

-- Set-your-first-password links. Only the SHA-256 of the token is stored; a token is used once, before expires_at.
CREATE TABLE password_setup_tokens (
    token_hash   text        PRIMARY KEY,
    user_id      text        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_setup_tokens_user ON password_setup_tokens (user_id);

-- Customers brought over from the old shop (owned by the import): who they were there, which account they are here,
-- and whether their set-your-password email went out.
CREATE TABLE imported_customers (
    email         text        PRIMARY KEY CHECK (email = lower(email)),
    user_id       text        NOT NULL,
    first_name    text        NOT NULL,
    last_name     text        NOT NULL,
    phone         text        NOT NULL,
    address       jsonb       NOT NULL,
    invited_at    timestamptz NULL,
    imported_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX imported_customers_user ON imported_customers (user_id);

-- Order history from the old shop: read-only, never an order grain (nothing left to pay, ship or refund here).
CREATE TABLE imported_orders (
    order_number  text          PRIMARY KEY,
    customer_id   text          NOT NULL,
    ordered_at    timestamptz   NOT NULL,
    status        text          NOT NULL,
    total         numeric(18,2) NOT NULL,
    currency      text          NOT NULL,
    lines         jsonb         NOT NULL,
    imported_at   timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX imported_orders_customer ON imported_orders (customer_id, ordered_at DESC);
