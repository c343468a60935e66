package dev.apigw.gateway.auth;

/** How a caller proved who it is; the value is what backends see in the method header. */
public enum AuthMethod {
    JWT("jwt"),
    API_KEY("api_key");

    private final String headerValue;

    AuthMethod(String headerValue) {
        this.headerValue = headerValue;
    }

    public String headerValue() {
        return headerValue;
    }

    /** The lower-case name used in metrics. */
    public String tag() {
        return headerValue;
    }
}
