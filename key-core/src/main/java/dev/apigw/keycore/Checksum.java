package dev.apigw.keycore;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The 6-character base62 CRC32 that ends every key. It catches typos and truncation offline, and lets
 * secret scanners tell a real key from random text; it is not a security control.
 */
final class Checksum {

    /** 62^6 &gt; 2^32, so every CRC32 fits. */
    static final int LENGTH = 6;

    private Checksum() {}

    static String of(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return Base62.encode(crc.getValue(), LENGTH);
    }
}
