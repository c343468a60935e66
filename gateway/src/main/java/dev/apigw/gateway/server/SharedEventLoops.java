package dev.apigw.gateway.server;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Gives Lettuce (the Redis client) the gateway's own event loops instead of a group of its own. With its
 * own loops, a rate-limit decision's reply arrived on Lettuce's thread and the request was handed back to
 * the gateway's loop for the upstream call: two thread wake-ups per limited request. On the gateway's
 * loops the command is written and its reply read on the loop that serves the request whenever the
 * Redis connection lives there (always with one loop per core on one core; otherwise for the requests
 * of that loop).
 *
 * <p>Contract: the loops belong to Reactor Netty, so releasing or shutting down through Lettuce does
 * nothing; the loops must use the same transport (epoll or NIO) that Lettuce picks for its channels —
 * see {@link #sameTransport}.
 */
public final class SharedEventLoops implements EventLoopGroupProvider {

    private final Supplier<EventLoopGroup> loops;
    private final int size;

    /** {@code loops} supplies the group when Lettuce first connects; {@code size} loops in it. */
    public SharedEventLoops(Supplier<EventLoopGroup> loops, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        this.loops = loops;
        this.size = size;
    }

    /** Whether Lettuce's channels can run on loops whose transport is native ({@code true}) or NIO. */
    public static boolean sameTransport(boolean loopsNative, boolean lettuceNative) {
        return loopsNative == lettuceNative;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends EventLoopGroup> T allocate(Class<T> type) {
        return (T) loops.get();
    }

    @Override
    public int threadPoolSize() {
        return size;
    }

    @Override
    public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }

    @Override
    public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }
}
