-- Accounts move onto ASP.NET Core Identity (the front end's own store over Npgsql, see docs/decisions.md). The users
-- table stays (its ids, emails, roles and PBKDF2 hashes are already Identity's v3 format and keep working); it gains
-- what Identity's UserManager keeps per account. totp_secret and totp_enabled are Identity's authenticator key and
-- two-factor switch as they are (base32 keys, as Identity's): not renamed, so pods of the previous version keep
-- working against this schema during a rolling upgrade.
ALTER TABLE users
    ADD COLUMN security_stamp       text        NOT NULL DEFAULT '',
    ADD COLUMN email_confirmed      boolean     NOT NULL DEFAULT false,
    ADD COLUMN lockout_enabled      boolean     NOT NULL DEFAULT true,
    ADD COLUMN lockout_end          timestamptz NULL,
    ADD COLUMN access_failed_count  integer     NOT NULL DEFAULT 0 CHECK (access_failed_count >= 0);
-- Every carried-over account gets its own stamp (sessions are validated against it).
UPDATE users SET security_stamp = upper(replace(gen_random_uuid()::text, '-', '')) WHERE security_stamp = '';

-- Two-factor recovery codes: only their SHA-256 is stored; redeeming one deletes it, so each works once.
CREATE TABLE user_recovery_codes (
    user_id    text NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    code_hash  text NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

-- Authenticator codes already used to sign in: a code is accepted once (rows older than a few minutes are purged).
CREATE TABLE authenticator_code_uses (
    user_id  text        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    code     text        NOT NULL,
    used_at  timestamptz NOT NULL,
    PRIMARY KEY (user_id, code)
);

-- Sign-in sessions: the cookie names its session; signing out ends it here, so the old cookie stops working.
CREATE TABLE user_sessions (
    session_id  text        PRIMARY KEY,
    user_id     text        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz NULL
);
CREATE INDEX user_sessions_user ON user_sessions (user_id) WHERE ended_at IS NULL;
