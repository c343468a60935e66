package dev.apigw.gateway.server;

import java.util.Properties;

/**
 * How many Netty event loops the gateway runs: one per processor the JVM may use, unless the operator
 * set {@value #PROPERTY}. Reactor Netty's own default is at least four, whatever the processors; on one
 * or two processors the extra loops only hand work to each other — a proxied request whose pooled
 * upstream connection belongs to another loop is a task submission and a thread wake-up each way (0.6
 * context switches per request on the public route, pinned to one core). Must run before Reactor Netty
 * is first used: the value is read once, when its loop resources are made.
 */
public final class EventLoops {

    /** Reactor Netty's system property for the number of event loops. */
    public static final String PROPERTY = "reactor.netty.ioWorkerCount";

    private EventLoops() {}

    /** Sets {@value #PROPERTY} to {@code processors} in {@code system} when it is not set already. */
    public static void defaultToProcessors(Properties system, int processors) {
        if (processors < 1) {
            throw new IllegalArgumentException("processors must be positive: " + processors);
        }
        system.putIfAbsent(PROPERTY, Integer.toString(processors));
    }
}
