package dev.apigw.keycore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Base62Test {

    @Test
    void encodesWithLeftPadding() {
        assertThat(Base62.encode(0, 6)).isEqualTo("000000");
        assertThat(Base62.encode(61, 2)).isEqualTo("0z");
        assertThat(Base62.encode(62, 2)).isEqualTo("10");
    }

    @Test
    void everyCrc32FitsInSixCharacters() {
        assertThat(Base62.encode(0xFFFF_FFFFL, Checksum.LENGTH)).hasSize(6);
    }

    @Test
    void refusesValuesThatDoNotFit() {
        assertThatThrownBy(() -> Base62.encode(62 * 62, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base62.encode(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
