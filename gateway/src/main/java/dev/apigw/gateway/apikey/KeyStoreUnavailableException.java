package dev.apigw.gateway.apikey;

/** A key could not be checked: the database failed or too many lookups were in flight. */
final class KeyStoreUnavailableException extends RuntimeException {

    KeyStoreUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    KeyStoreUnavailableException(String message) {
        super(message, null, false, false);
    }
}
