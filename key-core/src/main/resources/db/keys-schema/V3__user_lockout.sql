-- Locking a user out everywhere at once. Every gateway keeps each user's state in memory and refuses a
-- token of our issuer whose subject is unknown, disabled or deleted, or that was issued (iat) before
-- the user's tokens_not_before. key-admin-service sets tokens_not_before when it disables a user,
-- deletes one, changes a role or a password; the gateway hears of every change of a user's row on the
-- key change channel as 'user:<id>', inside the writing transaction (as key changes are).

ALTER TABLE users ADD COLUMN tokens_not_before timestamptz;
-- A deleted user is kept (keys and audit events refer to it), disabled, and hidden from the admin API.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;

CREATE FUNCTION notify_user_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('api_key_changes', 'user:' || OLD.id);
        RETURN OLD;
    END IF;
    PERFORM pg_notify('api_key_changes', 'user:' || NEW.id);
    RETURN NEW;
END
$$;

CREATE TRIGGER users_notify_change
    AFTER INSERT OR DELETE OR UPDATE OF enabled, role, tokens_not_before, deleted_at ON users
    FOR EACH ROW EXECUTE FUNCTION notify_user_change();
