-- Email-confirmed registration: POST /api/auth/register stores the request here and mails a link; the account is
-- created only when the link comes back (so the answer never says whether the address has an account). Only the
-- SHA-256 of the link's token is stored, and the password only as Identity's hash. A row is spent by one conditional
-- update, so a link works once; several rows for one address may wait, the first confirmed creates the account.
CREATE TABLE pending_registrations (
    token_hash        text        PRIMARY KEY,
    normalized_email  text        NOT NULL CHECK (normalized_email = lower(normalized_email)),
    password_hash     text        NOT NULL,
    expires_at        timestamptz NOT NULL,
    used_at           timestamptz NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
);
