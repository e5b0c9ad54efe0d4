package org.speechforum.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessMeterTest {

    private final AtomicReference<Status> status = new AtomicReference<>();
    private final ReadinessMeter meter = new ReadinessMeter(status::get, Duration.ofHours(1));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void theGaugeFollowsTheReadinessStatus() {
        meter.bindTo(registry);
        assertThat(gauge()).as("before the first check").isNaN();

        status.set(Status.UP);
        meter.refreshNow();
        assertThat(gauge()).isEqualTo(1.0);

        status.set(Status.DOWN);
        meter.refreshNow();
        assertThat(gauge()).isEqualTo(0.0);

        status.set(Status.OUT_OF_SERVICE);
        meter.refreshNow();
        assertThat(gauge()).isEqualTo(0.0);
    }

    @Test
    void aCheckThatThrowsIsNotReadyAndNoHealthEndpointIsUnknown() {
        ReadinessMeter failing = new ReadinessMeter(() -> {
            throw new IllegalStateException("broker gone");
        }, Duration.ofHours(1));
        failing.bindTo(registry);
        failing.refreshNow();
        assertThat(failing.value()).isEqualTo(0.0);

        assertThat(ReadinessMeter.valueOf(null)).isNaN();
        assertThat(ReadinessMeter.valueOf(Status.UNKNOWN)).isEqualTo(0.0);
    }

    @Test
    void startRunsTheFirstCheckAtOnceInTheBackground() throws Exception {
        status.set(Status.UP);
        meter.bindTo(registry);
        meter.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (Double.isNaN(gauge()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(gauge()).isEqualTo(1.0);
        } finally {
            meter.destroy();
        }
    }

    private double gauge() {
        return registry.get(PipelineMetrics.READINESS).gauge().value();
    }
}
