-- Schema shared by key-admin-service (which owns and migrates it) and the gateway (which reads it).
-- Keys are stored only as SHA-256 hex of the whole key; the plaintext never reaches the database.

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    username      varchar(64)  NOT NULL,
    password_hash varchar(255) NOT NULL,
    role          varchar(16)  NOT NULL CHECK (role IN ('USER', 'ADMIN')),
    enabled       boolean      NOT NULL DEFAULT true,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT users_username_key UNIQUE (username)
);

CREATE TABLE api_keys (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid         NOT NULL REFERENCES users (id),
    key_hash       char(64)     NOT NULL,
    display_prefix varchar(32)  NOT NULL,
    description    varchar(200),
    created_at     timestamptz  NOT NULL,
    last_used      timestamptz,
    expires_at     timestamptz,
    revoked        boolean      NOT NULL DEFAULT false,
    revoked_at     timestamptz,
    -- Rotation: the key that replaced this one, and the key this one replaced.
    replaced_by    uuid REFERENCES api_keys (id),
    rotated_from   uuid REFERENCES api_keys (id),
    CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
    CONSTRAINT api_keys_revoked_at_set CHECK (revoked = (revoked_at IS NOT NULL))
);

CREATE INDEX api_keys_user_id_idx ON api_keys (user_id, created_at DESC);
CREATE INDEX api_keys_created_at_idx ON api_keys (created_at DESC);

CREATE TABLE audit_events (
    id          bigserial PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    actor_id    uuid,
    action      varchar(32) NOT NULL,
    target_type varchar(16) NOT NULL,
    target_id   uuid,
    request_id  varchar(64),
    detail      varchar(500)
);

CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at DESC, id DESC);

-- Cache invalidation for gateways. Anything that can make a key unusable (revocation, a new expiry,
-- deletion, its owner being disabled) notifies channel 'api_key_changes' with the key's hash as
-- payload, inside the writing transaction: listeners hear it only if, and when, it commits. Being a
-- trigger, it also covers changes made by hand in SQL.
CREATE FUNCTION notify_api_key_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('api_key_changes', OLD.key_hash);
        RETURN OLD;
    END IF;
    IF NEW.revoked IS DISTINCT FROM OLD.revoked
        OR NEW.expires_at IS DISTINCT FROM OLD.expires_at
        OR NEW.user_id IS DISTINCT FROM OLD.user_id
        OR NEW.key_hash IS DISTINCT FROM OLD.key_hash THEN
        PERFORM pg_notify('api_key_changes', OLD.key_hash);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER api_keys_notify_change
    AFTER UPDATE OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION notify_api_key_change();

CREATE FUNCTION notify_user_keys_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.enabled IS DISTINCT FROM OLD.enabled THEN
        PERFORM pg_notify('api_key_changes', k.key_hash) FROM api_keys k WHERE k.user_id = NEW.id;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER users_notify_key_change
    AFTER UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION notify_user_keys_change();
