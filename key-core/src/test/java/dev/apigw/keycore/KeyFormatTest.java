package dev.apigw.keycore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFormatTest {

    private final KeyFormat format = KeyFormat.defaults();

    @Test
    void generatedKeyHasTypePrefixSecretAndChecksum() {
        GeneratedKey key = format.generate();

        assertThat(key.value()).matches("gwk_[0-9A-Za-z]{38}");
        assertThat(key.value()).hasSize(format.keyLength());
        assertThat(format.check(key.value())).isEqualTo(KeyCheck.WELL_FORMED);
    }

    @Test
    void generatedKeyCarriesItsHashAndDisplayPrefix() {
        GeneratedKey key = format.generate();

        assertThat(key.hash()).isEqualTo(KeyHasher.hash(key.value()));
        assertThat(key.displayPrefix()).hasSize(10).isEqualTo(key.value().substring(0, 10));
    }

    @Test
    void toStringNeverRevealsTheKey() {
        GeneratedKey key = format.generate();

        assertThat(key.toString()).doesNotContain(key.value()).contains(key.displayPrefix());
    }

    @Test
    void secretCarriesAtLeast190Bits() {
        double bits = KeyFormat.DEFAULT_SECRET_LENGTH * Math.log(62) / Math.log(2);

        assertThat(bits).isGreaterThanOrEqualTo(190.0);
    }

    @Test
    void tenThousandKeysAreAllDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(format.generate().value())).isTrue();
        }
    }

    @Test
    void everySingleCharacterChangeIsCaught() {
        String key = format.generate().value();
        for (int position = 0; position < key.length(); position++) {
            for (char replacement : Base62.ALPHABET.toCharArray()) {
                if (replacement == key.charAt(position)) {
                    continue;
                }
                String typo = key.substring(0, position) + replacement + key.substring(position + 1);
                assertThat(format.check(typo))
                        .as("changed position %d to %s", position, replacement)
                        .isNotEqualTo(KeyCheck.WELL_FORMED);
            }
        }
    }

    @Test
    void swappedNeighboursAreCaught() {
        String key = format.generate().value();
        for (int i = 4; i < key.length() - 1; i++) {
            if (key.charAt(i) == key.charAt(i + 1)) {
                continue;
            }
            String swapped = key.substring(0, i) + key.charAt(i + 1) + key.charAt(i) + key.substring(i + 2);
            assertThat(format.check(swapped)).isEqualTo(KeyCheck.BAD_CHECKSUM);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"gwk_", "gwk_short", "Bearer abc"})
    void wrongLengthIsRejected(String presented) {
        assertThat(format.check(presented)).isEqualTo(KeyCheck.WRONG_LENGTH);
    }

    @Test
    void truncatedOrExtendedKeyIsRejected() {
        String key = format.generate().value();

        assertThat(format.check(key.substring(0, key.length() - 1))).isEqualTo(KeyCheck.WRONG_LENGTH);
        assertThat(format.check(key + "a")).isEqualTo(KeyCheck.WRONG_LENGTH);
    }

    @Test
    void keyOfAnotherTypeIsRejected() {
        String other = new KeyFormat("abc", 32).generate().value();

        assertThat(format.check(other)).isEqualTo(KeyCheck.WRONG_PREFIX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'", " ", "-", "é", "\u0000", "\n", "%"})
    void nonBase62CharacterIsRejected(String bad) {
        String key = format.generate().value();
        String tampered = key.substring(0, 10) + bad + key.substring(11);

        assertThat(format.check(tampered)).isEqualTo(KeyCheck.BAD_CHARACTER);
    }

    @Test
    void sqlLookingKeyIsRejectedOffline() {
        String sql = "gwk_' OR 1=1; DROP TABLE api_keys; --xxxxxxxxx";

        assertThat(format.check(sql)).isNotEqualTo(KeyCheck.WELL_FORMED);
    }

    @Test
    void randomGuessesAlmostNeverPassTheChecksum() {
        Random random = new Random(42);
        int passed = 0;
        for (int i = 0; i < 100_000; i++) {
            String guess = "gwk_" + Base62.random(random, 38);
            if (format.check(guess).isWellFormed()) {
                passed++;
            }
        }
        // 62^-6 per guess: about 0.002 expected in 100,000.
        assertThat(passed).isLessThanOrEqualTo(1);
    }

    @Test
    void generationIsDeterministicForAGivenRandomSource() {
        KeyFormat seeded = new KeyFormat("gwk", 32, new Random(7));
        KeyFormat again = new KeyFormat("gwk", 32, new Random(7));

        assertThat(seeded.generate().value()).isEqualTo(again.generate().value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GWK", "1ab", "a_b", "abcdefghijklmnopq"})
    void invalidTypeIsRefusedAtConstruction(String type) {
        assertThatThrownBy(() -> new KeyFormat(type, 32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tooShortSecretIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new KeyFormat("gwk", 31))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret length");
    }
}
