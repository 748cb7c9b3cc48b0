-- The one table every Orleans ADO.NET provider reads its statements from at start-up
-- ("SELECT QueryKey, QueryText FROM OrleansQuery"). The providers spell the names in
-- mixed case without quotes, so PostgreSQL folds them to lower case: keep them unquoted.
-- Rows are added by the migrations of each provider we use (clustering, reminders).
CREATE TABLE OrleansQuery (
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
