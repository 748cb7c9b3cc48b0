-- Alerts raised by grains (e.g. a mis-paid order) are retried until stored, so they carry an
-- idempotency key; the dashboard's threshold alerts keep a NULL key (NULLs never conflict).
ALTER TABLE alerts ADD COLUMN key text;
CREATE UNIQUE INDEX alerts_key ON alerts (key);
