package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.config.KeyAdminProperties;
import dev.apigw.keyadmin.config.KeyAdminProperties.Algorithm;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The key that signs access tokens and the key that verifies them. RS256 reads a PKCS#8 PEM private
 * key (the public key is derived from it) or, when none is configured, generates a pair at start;
 * HS256 uses the configured shared secret and publishes nothing.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final Algorithm algorithm;
    private final Key signingKey;
    private final Key verificationKey;
    private final @Nullable String keyId;
    private final List<Map<String, ?>> publicJwks;

    SigningKeys(KeyAdminProperties properties) {
        KeyAdminProperties.Token token = properties.token();
        if (token.algorithm() == Algorithm.HS256) {
            String secret = token.hmacSecret();
            if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new IllegalStateException(
                        "key-admin.token.algorithm=HS256 needs key-admin.token.hmac-secret of at least 32 bytes");
            }
            this.algorithm = Algorithm.HS256;
            this.signingKey = Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
            this.verificationKey = signingKey;
            this.keyId = null;
            this.publicJwks = List.of();
            return;
        }
        KeyPair pair = token.privateKeyLocation() == null ? generated() : read(token.privateKeyLocation());
        Jwk<PublicKey> jwk =
                Jwks.builder().key(pair.getPublic()).idFromThumbprint().build();
        this.signingKey = pair.getPrivate();
        this.verificationKey = pair.getPublic();
        this.algorithm = Algorithm.RS256;
        this.keyId = jwk.getId();
        this.publicJwks = List.of(Map.copyOf(withUse(jwk)));
    }

    private static Map<String, Object> withUse(Jwk<PublicKey> jwk) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        jwk.forEach((name, value) -> fields.put(name, String.valueOf(value)));
        fields.put("use", "sig");
        fields.put("alg", "RS256");
        return fields;
    }

    private static KeyPair generated() {
        log.warn("*** No key-admin.token.private-key-location configured: generated a NEW RSA key pair for signing"
                + " tokens. Tokens will not survive a restart and other instances cannot verify them unless they"
                + " read this instance's JWKS. Configure a PEM key for anything but a local run. ***");
        return Jwts.SIG.RS256.keyPair().build();
    }

    private static KeyPair read(Resource location) {
        try (InputStream in = location.getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String base64 =
                    pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (!(privateKey instanceof RSAPrivateCrtKey crt)
                    || crt.getModulus().bitLength() < 2048) {
                throw new IllegalStateException("key-admin.token.private-key-location must hold an RSA key of"
                        + " at least 2048 bits in PKCS#8 PEM (BEGIN PRIVATE KEY)");
            }
            PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Cannot read the token signing key from " + location
                            + ": expected an RSA PKCS#8 PEM (BEGIN PRIVATE KEY)",
                    e);
        }
    }

    /** Signs with the configured algorithm and key, naming the key id when there is one. */
    JwtBuilder sign(JwtBuilder builder) {
        if (keyId != null) {
            builder.header().keyId(keyId);
        }
        return algorithm == Algorithm.HS256
                ? builder.signWith((SecretKey) signingKey, Jwts.SIG.HS256)
                : builder.signWith((PrivateKey) signingKey, Jwts.SIG.RS256);
    }

    /** Verifies with the matching key. The algorithm itself is pinned by {@link #algorithmName()}. */
    JwtParserBuilder verify(JwtParserBuilder parser) {
        return algorithm == Algorithm.HS256
                ? parser.verifyWith((SecretKey) verificationKey)
                : parser.verifyWith((PublicKey) verificationKey);
    }

    String algorithmName() {
        return algorithm.name();
    }

    @Nullable
    String keyId() {
        return keyId;
    }

    /** The public keys as JWKs, for {@code /.well-known/jwks.json}; empty with HS256. */
    List<Map<String, ?>> publicJwks() {
        return publicJwks;
    }
}
