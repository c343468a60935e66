-- Failed logins, counted per user name and per client address, so that guessing slows down on every
-- key-admin-service instance at once (issue #22). A row is keyed by the SHA-256 of the normalised user
-- name or of the client address: neither value itself is stored. key-admin-service writes one row per
-- failure with one upsert, reads it before checking a password and deletes a user name's row when its
-- login succeeds. A row is of no use after expires_at (its window is over and it blocks nothing); each
-- recorded failure deletes a few such rows, so the table holds at most the failures of the last window
-- plus the longest block.

CREATE TABLE login_throttle (
    kind          varchar(8)  NOT NULL CHECK (kind IN ('user', 'address')),
    key_hash      bytea       NOT NULL CHECK (octet_length(key_hash) = 32),
    -- Failures since window_start; a failure after the window restarts the count at 1.
    failures      integer     NOT NULL,
    window_start  timestamptz NOT NULL,
    -- Attempts are refused, before any password is checked, until then.
    blocked_until timestamptz,
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (kind, key_hash)
);

CREATE INDEX login_throttle_expires_at_idx ON login_throttle (expires_at);
