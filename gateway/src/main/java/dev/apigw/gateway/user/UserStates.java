package dev.apigw.gateway.user;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the gateway knows of key-admin-service's users, so that a user an admin locks out is refused
 * everywhere at once: per user, the earliest {@code iat} (epoch seconds) a token of theirs may carry —
 * the user's {@code tokens_not_before}, or "none at all" for a disabled or deleted user. One map lookup
 * per token; the {@link UserChanges} keeps it current from the change channel.
 *
 * <p>Until every user has been loaded (at start, and after the listener lost its connection, until its
 * reload), the map is not <em>current</em>: a subject it does not hold is then let through on its
 * signature alone, as before users were tracked, while what it holds still applies. Once current, an
 * unknown subject is refused. Thread-safe.
 */
@Component
public class UserStates {

    /** A disabled or deleted user: no token is early enough. */
    private static final long NO_TOKENS = Long.MAX_VALUE;

    private final ConcurrentHashMap<String, Long> earliestIssue = new ConcurrentHashMap<>();
    /** Users changed by a notice since the current load began: the load's older row must not undo it. */
    private volatile @Nullable Set<String> changedDuringLoad;

    private volatile boolean current;

    /** Whether a verified token for {@code subject} issued at {@code issuedAt} (epoch seconds) may pass. */
    public boolean admits(String subject, long issuedAt) {
        Long earliest = earliestIssue.get(subject);
        if (earliest == null) {
            return !current;
        }
        return issuedAt >= earliest;
    }

    /** A loaded or re-read user row. */
    void changed(String id, boolean usable, @Nullable Instant tokensNotBefore) {
        Set<String> loading = changedDuringLoad;
        if (loading != null) {
            loading.add(id);
        }
        earliestIssue.put(id, earliestIssue(usable, tokensNotBefore));
    }

    /** A user row read by the bulk load: applied unless a notice changed the user since the load began. */
    void loaded(String id, boolean usable, @Nullable Instant tokensNotBefore) {
        Set<String> loading = changedDuringLoad;
        if (loading == null || !loading.contains(id)) {
            earliestIssue.put(id, earliestIssue(usable, tokensNotBefore));
        }
    }

    /** A user row that is gone: no token of theirs passes. */
    void removed(String id) {
        changed(id, false, null);
    }

    /** Notices may have been missed: unknown subjects pass on their signature until {@link #loadDone()}. */
    void loadBegins() {
        current = false;
        changedDuringLoad = ConcurrentHashMap.newKeySet();
    }

    void loadDone() {
        changedDuringLoad = null;
        current = true;
    }

    /** The listener lost its connection. */
    void stale() {
        current = false;
    }

    public boolean isCurrent() {
        return current;
    }

    public int size() {
        return earliestIssue.size();
    }

    private static long earliestIssue(boolean usable, @Nullable Instant tokensNotBefore) {
        if (!usable) {
            return NO_TOKENS;
        }
        return tokensNotBefore == null ? Long.MIN_VALUE : tokensNotBefore.getEpochSecond();
    }
}
