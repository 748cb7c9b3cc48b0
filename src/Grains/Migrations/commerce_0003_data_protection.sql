-- ASP.NET Core Data Protection keys (they protect auth cookies), shared by every front-end process,
-- so a shopper stays signed in whichever web pod answers and across rollouts.
CREATE TABLE data_protection_keys (
    name        text        PRIMARY KEY,
    xml         text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
