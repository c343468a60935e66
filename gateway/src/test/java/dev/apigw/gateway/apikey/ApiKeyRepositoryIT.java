package dev.apigw.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.GatewayIntegrationTest;
import dev.apigw.gateway.support.TestKeys.StoredKey;
import dev.apigw.keycore.KeyHasher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.test.StepVerifier;

/** The queries the cache runs, against this run's PostgreSQL. */
class ApiKeyRepositoryIT extends GatewayIntegrationTest {

    @Autowired
    ApiKeyRepository repository;

    @Test
    void batchReadsEveryKnownKeyByHashInOneQueryAndLeavesUnknownOnesOut() {
        StoredKey valid = KEYS.key();
        StoredKey revoked = KEYS.key();
        KEYS.revoke(revoked.id());
        String unknown = KeyHasher.hash("gwk_unknown");

        Map<String, KeyRecord> found = repository
                .findByHashes(List.of(KeyHasher.hash(valid.value()), KeyHasher.hash(revoked.value()), unknown))
                .block();

        assertThat(found).containsOnlyKeys(KeyHasher.hash(valid.value()), KeyHasher.hash(revoked.value()));
        assertThat(found.get(KeyHasher.hash(valid.value())))
                .isEqualTo(new KeyRecord(valid.id(), valid.userId(), false, null, true));
        assertThat(found.get(KeyHasher.hash(revoked.value())).revoked()).isTrue();
    }

    @Test
    void batchOfOnlyUnknownKeysIsEmpty() {
        StepVerifier.create(repository.findByHashes(List.of(KeyHasher.hash("gwk_a"), KeyHasher.hash("gwk_b"))))
                .expectNext(Map.of())
                .verifyComplete();
    }
}
