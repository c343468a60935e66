package dev.apigw.keyadmin.limits;

import dev.apigw.keyadmin.audit.AuditLog;
import dev.apigw.keyadmin.auth.Caller;
import dev.apigw.keyadmin.problem.ApiException;
import dev.apigw.keycore.limits.Limits;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Sets and removes a key's own limits (admins; the change and its audit event commit together, and the
 * database notifies every gateway), and shows them with the key's usage (its owner).
 */
@Service
class KeyLimitsService {

    private static final Logger log = LoggerFactory.getLogger(KeyLimitsService.class);

    private final KeyLimitsRepository keys;
    private final UsageReader usage;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    KeyLimitsService(KeyLimitsRepository keys, UsageReader usage, AuditLog audit, TransactionalOperator tx) {
        this.keys = keys;
        this.usage = usage;
        this.audit = audit;
        this.tx = tx;
    }

    Mono<LimitsView> set(Caller admin, UUID keyId, Limits limits, String requestId) {
        Mono<LimitsView> changed = keys.find(keyId, true)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No such key.")))
                .flatMap(key -> keys.update(keyId, limits)
                        .then(audit.record(
                                admin.userId(),
                                limits.isEmpty() ? "KEY_LIMITS_REMOVED" : "KEY_LIMITS_SET",
                                "API_KEY",
                                keyId,
                                requestId,
                                describe(limits)))
                        .thenReturn(LimitsView.of(keyId, limits)));
        return tx.transactional(changed)
                .doOnSuccess(view ->
                        log.info("Admin {} set the limits of key {}: {}", admin.userId(), keyId, describe(limits)));
    }

    /** The caller's own key's limits and usage; someone else's key is a 404. */
    Mono<UsageView> usage(Caller caller, UUID keyId) {
        return keys.find(keyId, false)
                .filter(key -> key.userId().equals(caller.userId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No such key.")))
                .flatMap(key -> {
                    Limits.Quota quota = key.quota();
                    LimitsView limits = LimitsView.of(keyId, key.limits());
                    return usage.read(keyId, quota == null ? null : quota.period())
                            .map(windows -> new UsageView(keyId, limits, windows, remaining(quota, windows), true))
                            .defaultIfEmpty(new UsageView(keyId, limits, null, null, false));
                });
    }

    private static @Nullable Long remaining(Limits.@Nullable Quota quota, List<UsageView.Window> windows) {
        if (quota == null) {
            return null;
        }
        long used = windows.stream()
                .filter(window -> window.period().equals(quota.period().policyName()))
                .mapToLong(UsageView.Window::used)
                .sum();
        return Math.max(0, quota.limit() - used);
    }

    private static String describe(Limits limits) {
        Limits.Rate rate = limits.rate();
        Limits.Quota quota = limits.quota();
        return "rate="
                + (rate == null ? "none" : rate.limit() + "/" + rate.window().toSeconds() + "s burst " + rate.burst())
                + "; quota="
                + (quota == null ? "none" : quota.limit() + "/" + quota.period().policyName());
    }
}
