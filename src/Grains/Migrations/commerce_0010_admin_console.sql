-- Admin console. Revenue is shown net of refunds, so the order projection keeps the refunded amount
-- (from the order's status events; rows written before this start at 0 and catch up on the order's next
-- event). Alerts can be acknowledged by staff: who and when, NULL while open.
ALTER TABLE order_summaries ADD COLUMN refunded numeric(18,2) NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN acknowledged_at timestamptz NULL;
ALTER TABLE alerts ADD COLUMN acknowledged_by text NULL;
CREATE INDEX alerts_open ON alerts (id DESC) WHERE acknowledged_at IS NULL;
