-- Scopes (issue #24): what a key or token may call. Admins grant users scopes; a key carries a subset
-- of its owner's scopes, chosen at creation and kept by rotation. A key's effective scopes are its
-- scopes that its owner still holds: gateways compute that when they load the key, so taking a scope
-- from a user takes it from every key of theirs without rewriting any key.
--
-- Existing users and keys get no scopes: nothing could be required of them before this migration, so
-- they keep working on every route that requires authentication only, and routes that require a scope
-- refuse them until an admin grants the user the scope and the user creates a key with it.
--
-- Scope names are validated by key-admin-service (lower case, see docs/external-services.md); the
-- CHECKs here only keep the arrays well-formed when rows are written by hand.

ALTER TABLE users ADD COLUMN scopes text[] NOT NULL DEFAULT '{}'
    CONSTRAINT users_scopes_no_nulls CHECK (array_position(scopes, NULL) IS NULL);
ALTER TABLE api_keys ADD COLUMN scopes text[] NOT NULL DEFAULT '{}'
    CONSTRAINT api_keys_scopes_no_nulls CHECK (array_position(scopes, NULL) IS NULL);

-- A user's scopes changing changes what each of their keys may do: the keys' cached answers are
-- dropped at every gateway (as when the user is disabled), and the user's own notice lets gateways
-- refresh what they know of the user.
CREATE OR REPLACE FUNCTION notify_user_keys_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.enabled IS DISTINCT FROM OLD.enabled OR NEW.scopes IS DISTINCT FROM OLD.scopes THEN
        PERFORM pg_notify('api_key_changes', k.key_hash) FROM api_keys k WHERE k.user_id = NEW.id;
    END IF;
    RETURN NEW;
END;
$$;

DROP TRIGGER users_notify_change ON users;
CREATE TRIGGER users_notify_change
    AFTER INSERT OR DELETE OR UPDATE OF enabled, role, tokens_not_before, deleted_at, scopes ON users
    FOR EACH ROW EXECUTE FUNCTION notify_user_change();

-- A key's own scopes never change after creation; if one is changed by hand, gateways drop it too.
CREATE OR REPLACE FUNCTION notify_api_key_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('api_key_changes', OLD.key_hash);
        RETURN OLD;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM pg_notify('api_key_changes', NEW.key_hash);
        RETURN NEW;
    END IF;
    IF NEW.revoked IS DISTINCT FROM OLD.revoked
        OR NEW.expires_at IS DISTINCT FROM OLD.expires_at
        OR NEW.user_id IS DISTINCT FROM OLD.user_id
        OR NEW.key_hash IS DISTINCT FROM OLD.key_hash
        OR NEW.scopes IS DISTINCT FROM OLD.scopes THEN
        PERFORM pg_notify('api_key_changes', OLD.key_hash);
    END IF;
    IF NEW.key_hash IS DISTINCT FROM OLD.key_hash THEN
        PERFORM pg_notify('api_key_changes', NEW.key_hash);
    END IF;
    RETURN NEW;
END;
$$;
