package dev.apigw.gateway.server;

/**
 * The request body could not be decoded: the client's error, already answered 400 by the server. The
 * request it belonged to ends with this error wherever its body was being read or forwarded.
 */
public final class MalformedBodyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedBodyException() {
        super("The request body could not be decoded", null, false, false);
    }
}
