-- Sign-in sessions the server can end (ASVS 7.4): the sign-in cookie names one row here and counts
-- only while the row exists. Sign-out deletes its row; "sign out everywhere", a password change, a
-- lock-out and removing the account delete all of the account's rows.
-- The id is stored as its SHA-256 only: a copy of the database does not yield usable sessions.
CREATE TABLE account_sessions (
    id_hash      TEXT    PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_utc  TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX ix_account_sessions_account ON account_sessions(account_id);
