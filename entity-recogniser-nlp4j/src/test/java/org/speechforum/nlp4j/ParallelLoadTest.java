package org.speechforum.nlp4j;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The loader the NLP4J parts are read with; runs without the model. */
class ParallelLoadTest {

    @Test
    void partsStartInTheOrderTheyAreAddedSoTheHeaviestAddedFirstStartsAtOnce() {
        List<String> order = new CopyOnWriteArrayList<>();
        try (ParallelLoad load = new ParallelLoad(1, "test-load")) {
            ParallelLoad.Part<String> embeddings = load.start("embeddings", () -> {
                order.add("embeddings");
                return "E";
            });
            ParallelLoad.Part<String> ner = load.start("ner", () -> {
                order.add("ner");
                return "N";
            });
            assertThat(ner.get()).isEqualTo("N");
            assertThat(embeddings.get()).isEqualTo("E");
        }
        assertThat(order).containsExactly("embeddings", "ner");
    }

    @Test
    void twoThreadsReadTwoPartsAtOnce() throws Exception {
        // Each part waits until the other has started: with one thread this would time out.
        CountDownLatch bothStarted = new CountDownLatch(2);
        try (ParallelLoad load = new ParallelLoad(2, "test-load")) {
            ParallelLoad.Part<Boolean> a = load.start("a", () -> {
                bothStarted.countDown();
                return bothStarted.await(10, TimeUnit.SECONDS);
            });
            ParallelLoad.Part<Boolean> b = load.start("b", () -> {
                bothStarted.countDown();
                return bothStarted.await(10, TimeUnit.SECONDS);
            });
            assertThat(a.get()).isTrue();
            assertThat(b.get()).isTrue();
        }
    }

    @Test
    void aFailingPartIsNamedAndStopsTheOthers() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        try (ParallelLoad load = new ParallelLoad(2, "test-load")) {
            ParallelLoad.Part<String> slow = load.start("word embeddings", () -> {
                running.countDown();
                try {
                    never.await();
                    return "never";
                } catch (InterruptedException e) {
                    stopped.countDown();
                    throw e;
                }
            });
            ParallelLoad.Part<String> broken = load.start("NER model", () -> {
                // Fail only once the slow part runs: a part cancelled before its thread picked it up never runs,
                // so it could not show that it was interrupted (a loaded machine starts threads late).
                running.await(10, TimeUnit.SECONDS);
                throw new IOException("truncated XZ stream");
            });
            assertThatThrownBy(broken::get).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("NER model").hasMessageContaining("truncated XZ stream")
                    .hasCauseInstanceOf(IOException.class);
            assertThat(stopped.await(10, TimeUnit.SECONDS)).as("the other part was interrupted").isTrue();
            assertThatThrownBy(slow::get).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("word embeddings");
        }
    }
}
