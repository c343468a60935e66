package dev.apigw.gateway.path;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue #22 §1: the one rule for which raw paths are canonical. */
class PathRuleTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '#',
            value = {
                "/                         | ",
                "/api/orders               | ",
                "/api/orders/              | ",
                "/api/a%20b                | ",
                "/api/caf%C3%A9            | ",
                "/api/caf%c3%a9            | ",
                "/api/file.json            | ",
                "/api/.hidden              | ",
                "/api/a..b                 | ",
                "/api/...                  | ",
                "/api/a%2eb                | ",
                "/api/100%25               | ",
                "/api/a:b@c!$&'()*+,=-_~   | ",
                "/api/../x                 | DOT_SEGMENT",
                "/api/./x                  | DOT_SEGMENT",
                "/api/x/..                 | DOT_SEGMENT",
                "/api/x/.                  | DOT_SEGMENT",
                "/..                       | DOT_SEGMENT",
                "/api/%2e%2e/x             | DOT_SEGMENT",
                "/api/%2E%2E/x             | DOT_SEGMENT",
                "/api/.%2e/x               | DOT_SEGMENT",
                "/api/%2E./x               | DOT_SEGMENT",
                "/api/%2e/x                | DOT_SEGMENT",
                "/api/x/..%2f..%2fx        | ENCODED_SEPARATOR",
                "/api/%2e%2e%2fx           | ENCODED_SEPARATOR",
                "/api/a%2Fb                | ENCODED_SEPARATOR",
                "/api/a%5cb                | ENCODED_SEPARATOR",
                "/api/a%5Cb                | ENCODED_SEPARATOR",
                "/api/a\\b                 | DISALLOWED_CHARACTER",
                "/api/..;/x                | PATH_PARAMETER",
                "/api/x;a=b                | PATH_PARAMETER",
                "/api/x%3ba=b              | PATH_PARAMETER",
                "/api/x%3B                 | PATH_PARAMETER",
                "/api/a%00b                | CONTROL_CHARACTER",
                "/api/a%0Ab                | CONTROL_CHARACTER",
                "/api/a%1fb                | CONTROL_CHARACTER",
                "/api/a%7Fb                | CONTROL_CHARACTER",
                "/api/a\u0000b             | DISALLOWED_CHARACTER",
                "/api/a\u007fb             | DISALLOWED_CHARACTER",
                "/api/café                 | DISALLOWED_CHARACTER",
                "/api/a b                  | DISALLOWED_CHARACTER",
                "/api/a\"b                 | DISALLOWED_CHARACTER",
                "/api//x                   | EMPTY_SEGMENT",
                "//api                     | EMPTY_SEGMENT",
                "/api/x//                  | EMPTY_SEGMENT",
                "/api/x%                   | MALFORMED_ESCAPE",
                "/api/x%2                  | MALFORMED_ESCAPE",
                "/api/x%zz                 | MALFORMED_ESCAPE",
                "api/x                     | NOT_ABSOLUTE",
                "##                        | NOT_ABSOLUTE",
            })
    void refusesExactlyThePathsABackendCouldReadDifferently(String rawPath, PathRule.Violation expected) {
        assertThat(PathRule.check(rawPath)).isEqualTo(expected);
    }
}
