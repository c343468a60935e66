package dev.apigw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class EventLoopsTest {

    @Test
    void oneLoopPerProcessorByDefault() {
        Properties system = new Properties();

        EventLoops.defaultToProcessors(system, 2);

        assertThat(system.getProperty(EventLoops.PROPERTY)).isEqualTo("2");
    }

    @Test
    void theOperatorsSettingStands() {
        Properties system = new Properties();
        system.setProperty(EventLoops.PROPERTY, "8");

        EventLoops.defaultToProcessors(system, 2);

        assertThat(system.getProperty(EventLoops.PROPERTY)).isEqualTo("8");
    }

    @Test
    void refusesNoProcessors() {
        assertThatThrownBy(() -> EventLoops.defaultToProcessors(new Properties(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
