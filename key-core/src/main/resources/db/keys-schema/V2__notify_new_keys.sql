-- Gateways keep the set of stored key hashes in memory, to refuse keys nobody issued without a lookup
-- (a flood of random well-formed keys). They load it when they start listening and learn of new keys
-- from the same channel: a new key is notified with its hash too, when its transaction commits. A
-- changed key_hash (by hand in SQL) notifies the new hash as well as the old one.
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
        OR NEW.key_hash IS DISTINCT FROM OLD.key_hash THEN
        PERFORM pg_notify('api_key_changes', OLD.key_hash);
    END IF;
    IF NEW.key_hash IS DISTINCT FROM OLD.key_hash THEN
        PERFORM pg_notify('api_key_changes', NEW.key_hash);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER api_keys_notify_insert
    AFTER INSERT ON api_keys
    FOR EACH ROW EXECUTE FUNCTION notify_api_key_change();
