package org.speechforum.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Gauge {@code pipeline.health.readiness}: 1 while the service's readiness group ({@code /actuator/health/readiness}:
 * Kafka everywhere, Elasticsearch in query-service) is UP, 0 while it is anything else, NaN before the first check
 * or when the service has no health endpoint. Health checks call Kafka and Elasticsearch, so they run in the
 * background every refresh interval (from {@link #start()}, once the application is ready) and a scrape never
 * waits on them. Alerts can then say "not ready", which a
 * scrape's {@code up} cannot: a service whose Kafka is gone still answers scrapes.
 */
class ReadinessMeter implements MeterBinder, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadinessMeter.class);

    private final Supplier<Status> readiness;
    private final Duration refresh;
    private final AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
    private volatile ScheduledExecutorService scheduler;

    /** {@code readiness} answers the readiness group's status, or null when there is none. */
    ReadinessMeter(Supplier<Status> readiness, Duration refresh) {
        this.readiness = readiness;
        this.refresh = refresh;
    }

    /** What the gauge shows for a readiness status: 1 for UP, 0 for any other, NaN for none. */
    static double valueOf(Status status) {
        if (status == null) {
            return Double.NaN;
        }
        return Status.UP.equals(status) ? 1 : 0;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PipelineMetrics.READINESS, value, AtomicReference::get)
                .description("1 while the readiness health group is UP, 0 otherwise")
                .register(registry);
    }

    /** Starts the background checks; called once the application is ready, so no check races its start-up. */
    synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "readiness-meter");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::refreshNow, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs the readiness checks once; a check that throws counts as not ready. */
    void refreshNow() {
        try {
            value.set(valueOf(readiness.get()));
        } catch (RuntimeException e) {
            value.set(0.0);
            log.debug("Readiness check failed: {}", e.getMessage());
        }
    }

    double value() {
        return value.get();
    }

    @Override
    public synchronized void destroy() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
