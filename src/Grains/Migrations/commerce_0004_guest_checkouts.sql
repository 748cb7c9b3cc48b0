-- Checkouts without an account, with the email and client address they came from, so the front
-- end can bound the open unpaid guest orders per email and per address. A row is claimed before
-- the checkout runs (so parallel checkouts cannot all pass) and gets its order id after; whether
-- the order is still unpaid comes from order_summaries. Rows older than the guest payment timeout
-- no longer count and are deleted as new ones arrive.
CREATE TABLE guest_checkouts (
    cart_id          text        NOT NULL,
    idempotency_key  text        NOT NULL,
    email            text        NOT NULL,
    client_address   text        NOT NULL,
    order_id         text        NULL,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (cart_id, idempotency_key)
);
CREATE INDEX guest_checkouts_email ON guest_checkouts (email, created_at);
CREATE INDEX guest_checkouts_client ON guest_checkouts (client_address, created_at);
CREATE INDEX guest_checkouts_created ON guest_checkouts (created_at);
