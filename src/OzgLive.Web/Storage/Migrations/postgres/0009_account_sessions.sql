-- PostgreSQL twin of Storage/Migrations/0009_account_sessions.sql: the same tables and columns. Ids are identity columns,
-- integers BIGINT (SQLite's are 64-bit), times ISO-8601 UTC text and flags 0/1 integers as in SQLite
-- (Storage/UtcTimeHandler.cs, Storage/FlagHandler.cs), so both engines read back the same values.

-- Sign-in sessions the server can end (ASVS 7.4): the sign-in cookie names one row here and counts
-- only while the row exists. Sign-out deletes its row; "sign out everywhere", a password change, a
-- lock-out and removing the account delete all of the account's rows.
-- The id is stored as its SHA-256 only: a copy of the database does not yield usable sessions.
CREATE TABLE account_sessions (
    id_hash      TEXT    PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_utc  TEXT    NOT NULL
);
CREATE INDEX ix_account_sessions_account ON account_sessions(account_id);
