-- How many of an order's side effects are dead-lettered (parked after too many failed attempts), from
-- the order's status events, so admins can list the orders that need a replay. Staff only: "my
-- orders" does not read it. Existing rows start at 0 (no effect was ever parked before this).
ALTER TABLE order_summaries ADD COLUMN dead_lettered_effects integer NOT NULL DEFAULT 0;
CREATE INDEX order_summaries_dead_lettered ON order_summaries (created_at DESC) WHERE dead_lettered_effects > 0;
