package dev.apigw.gateway.cache;

/** A read refused at once by a {@link CoalescingReader} because too many reads were waiting. */
public final class ReadRejectedException extends RuntimeException {

    public ReadRejectedException(String message) {
        super(message, null, false, false); // expected under load: no stack trace to fill
    }
}
