-- A key's own rate limit and quota (#23), set by an admin; a null part means the route's or the
-- gateway's default applies. The counters themselves live in Redis, never here.
ALTER TABLE api_keys
    ADD COLUMN rate_limit bigint,
    ADD COLUMN rate_window_seconds integer,
    ADD COLUMN rate_burst bigint,
    ADD COLUMN quota bigint,
    ADD COLUMN quota_period text;

ALTER TABLE api_keys
    ADD CONSTRAINT api_keys_rate_limit_whole CHECK (
        (rate_limit IS NULL AND rate_window_seconds IS NULL AND rate_burst IS NULL)
        OR (rate_limit BETWEEN 1 AND 1000000000
            AND rate_window_seconds BETWEEN 1 AND 86400
            AND rate_burst BETWEEN 1 AND 1000000000)),
    ADD CONSTRAINT api_keys_quota_whole CHECK (
        (quota IS NULL AND quota_period IS NULL)
        OR (quota BETWEEN 1 AND 1000000000000 AND quota_period IN ('daily', 'monthly')));

-- Every gateway caches keys by hash: a change of limits is notified like a revocation, with the key's
-- hash, in the writing transaction, so it takes effect everywhere within about a second. A trigger of
-- its own, so the key trigger's function is left as the earlier migrations define it.
CREATE FUNCTION notify_api_key_limits_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('api_key_changes', NEW.key_hash);
    RETURN NEW;
END
$$;

CREATE TRIGGER api_keys_notify_limits
    AFTER UPDATE OF rate_limit, rate_window_seconds, rate_burst, quota, quota_period ON api_keys
    FOR EACH ROW
    WHEN (OLD.rate_limit IS DISTINCT FROM NEW.rate_limit
        OR OLD.rate_window_seconds IS DISTINCT FROM NEW.rate_window_seconds
        OR OLD.rate_burst IS DISTINCT FROM NEW.rate_burst
        OR OLD.quota IS DISTINCT FROM NEW.quota
        OR OLD.quota_period IS DISTINCT FROM NEW.quota_period)
    EXECUTE FUNCTION notify_api_key_limits_change();
