package dev.apigw.gateway.support;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.RsaPublicJwk;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An identity provider for tests: an RSA key pair, its JWKS, and tokens signed with it. */
public final class TestTokens {

    public static final String ISSUER = "key-admin-service";
    public static final String AUDIENCE = "api-gateway";

    private final KeyPair pair = Jwts.SIG.RS256.keyPair().build();
    private final String issuer;
    private final String audience;

    /** key-admin-service, as the gateway's tests configure it. */
    public TestTokens() {
        this(ISSUER, AUDIENCE);
    }

    /** Another identity provider, whose tokens name {@code issuer} and {@code audience}. */
    public TestTokens(String issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
    }

    public String issuer() {
        return issuer;
    }

    private final String kid = "test-" + UUID.randomUUID();

    public String kid() {
        return kid;
    }

    public KeyPair pair() {
        return pair;
    }

    /** The JWKS document that publishes this key. */
    public String jwksJson() {
        RsaPublicJwk jwk =
                Jwks.builder().key((RSAPublicKey) pair.getPublic()).id(kid).build();
        Map<String, Object> fields = new LinkedHashMap<>();
        jwk.forEach((name, value) -> fields.put(name, String.valueOf(value)));
        fields.put("use", "sig");
        fields.put("alg", "RS256");
        StringBuilder json = new StringBuilder("{\"keys\":[{");
        fields.forEach((name, value) ->
                json.append('"').append(name).append("\":\"").append(value).append("\","));
        json.setLength(json.length() - 1);
        return json.append("}]}").toString();
    }

    /** A builder with valid claims for {@code subject}, valid from {@code now} for ten minutes. */
    public JwtBuilder claims(String subject, Instant now) {
        return Jwts.builder()
                .header()
                .keyId(kid)
                .and()
                .issuer(issuer)
                .audience()
                .add(audience)
                .and()
                .subject(subject)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plusSeconds(600)))
                .id(UUID.randomUUID().toString());
    }

    /** A valid token for {@code subject}. */
    public String token(String subject, Instant now) {
        return sign(claims(subject, now));
    }

    public String sign(JwtBuilder builder) {
        return builder.signWith(pair.getPrivate(), Jwts.SIG.RS256).compact();
    }
}
