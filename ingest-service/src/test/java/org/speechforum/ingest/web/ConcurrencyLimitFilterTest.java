package org.speechforum.ingest.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLimitFilterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void requestsBeyondTheLimitGet429WithRetryAfterAndProblemJsonUntilAPermitIsBack() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(2, DataSize.ofMegabytes(1), meters);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(2);
        FilterChain slow = (req, res) -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ((MockHttpServletResponse) res).setStatus(202);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<MockHttpServletResponse>> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(pool.submit(() -> run(filter, upload(), slow)));
            }
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(filter.inFlight()).isEqualTo(2);

            AtomicInteger reachedChain = new AtomicInteger();
            MockHttpServletResponse refused = run(filter, upload(), (req, res) -> reachedChain.incrementAndGet());
            assertThat(refused.getStatus()).isEqualTo(429);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
            assertThat(refused.getContentType()).startsWith("application/problem+json");
            assertThat(refused.getContentAsString()).contains("\"status\":429").contains("Too many requests");
            assertThat(reachedChain).hasValue(0);
            assertThat(meters.get("ingest.requests.rejected").tag("reason", "too-many-requests").counter().count())
                    .isEqualTo(1);

            // Health stays reachable while uploads are saturated.
            MockHttpServletRequest health = new MockHttpServletRequest("GET", "/actuator/health");
            assertThat(run(filter, health, (req, res) -> ((MockHttpServletResponse) res).setStatus(200))
                    .getStatus()).isEqualTo(200);

            release.countDown();
            for (Future<MockHttpServletResponse> f : held) {
                assertThat(f.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(202);
            }
            assertThat(filter.inFlight()).isZero();
            assertThat(run(filter, upload(), (req, res) -> ((MockHttpServletResponse) res).setStatus(202))
                    .getStatus()).isEqualTo(202);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aPermitIsReturnedWhenTheRequestFails() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, DataSize.ofMegabytes(1), meters);
        try {
            run(filter, upload(), (req, res) -> {
                throw new IllegalStateException("boom");
            });
        } catch (Exception expected) {
            // the chain's failure propagates
        }
        assertThat(filter.inFlight()).isZero();
    }

    @Test
    void aBodyAnnouncedLargerThanTheLimitGets413BeforeItIsRead() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(4, DataSize.ofKilobytes(1), meters);
        MockHttpServletRequest big = upload();
        big.setContent(new byte[2048]);
        AtomicInteger reachedChain = new AtomicInteger();
        MockHttpServletResponse response = run(filter, big, (req, res) -> reachedChain.incrementAndGet());
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(reachedChain).hasValue(0);
    }

    private static MockHttpServletRequest upload() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/documents");
        request.setContentType("application/json");
        request.setContent("{}".getBytes());
        return request;
    }

    private static MockHttpServletResponse run(ConcurrencyLimitFilter filter, MockHttpServletRequest request,
                                               FilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }
}
