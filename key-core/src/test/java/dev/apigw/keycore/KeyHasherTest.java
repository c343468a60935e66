package dev.apigw.keycore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyHasherTest {

    @Test
    void hashIsSha256HexOfTheWholeKey() {
        // echo -n abc | sha256sum
        assertThat(KeyHasher.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void hashIsStableAcrossCalls() {
        String key = KeyFormat.defaults().generate().value();

        assertThat(KeyHasher.hash(key)).isEqualTo(KeyHasher.hash(key)).hasSize(64);
    }

    @Test
    void differentKeysHashDifferently() {
        assertThat(KeyHasher.hash("gwk_a")).isNotEqualTo(KeyHasher.hash("gwk_b"));
    }
}
