package dev.apigw.keyadmin.auth;

/**
 * The answer to a successful login.
 *
 * @param accessToken a signed JWT; send it as {@code Authorization: Bearer <access_token>}
 * @param tokenType   always {@code Bearer}
 * @param expiresIn   seconds until the token expires
 */
public record AccessToken(String accessToken, String tokenType, long expiresIn) {

    @Override
    public String toString() {
        return "AccessToken[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", accessToken=<redacted>]";
    }
}
