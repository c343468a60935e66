package dev.apigw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharedEventLoopsTest {

    @Test
    void givesLettuceTheLoopsAndNeverShutsThemDown() throws Exception {
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            SharedEventLoops shared = new SharedEventLoops(() -> loops, 1);

            EventLoopGroup given = shared.allocate(NioEventLoopGroup.class);
            assertThat((Object) given).isSameAs(loops);
            assertThat(shared.release(loops, 0, 1, TimeUnit.SECONDS).get()).isTrue();
            assertThat(shared.shutdown(0, 1, TimeUnit.SECONDS).get()).isTrue();

            assertThat(loops.isShuttingDown()).isFalse();
            assertThat(shared.threadPoolSize()).isEqualTo(1);
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void sharesOnlyWhenBothUseTheSameTransport() {
        assertThat(SharedEventLoops.sameTransport(true, true)).isTrue();
        assertThat(SharedEventLoops.sameTransport(false, false)).isTrue();
        assertThat(SharedEventLoops.sameTransport(true, false)).isFalse();
        assertThat(SharedEventLoops.sameTransport(false, true)).isFalse();
    }

    @Test
    void refusesNoLoops() {
        assertThatThrownBy(() -> new SharedEventLoops(() -> null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
