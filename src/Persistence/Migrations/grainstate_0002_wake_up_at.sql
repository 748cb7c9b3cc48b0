-- When a grain has work due (IHasWakeUpTime), written with its state in the same statement; NULL when
-- it has none. The sweeper reads the due rows of its service through the partial index, which holds
-- only grains with work owed, so it stays small however many grains exist.
ALTER TABLE grain_storage ADD COLUMN wake_up_at timestamptz NULL;
CREATE INDEX grain_storage_wake_up ON grain_storage (service_id, wake_up_at) WHERE wake_up_at IS NOT NULL;
