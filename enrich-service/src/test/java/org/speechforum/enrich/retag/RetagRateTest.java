package org.speechforum.enrich.retag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The summary line's rate: a run of one document in 38 s must not read as "0 documents/s". */
class RetagRateTest {

    @Test
    void aSlowShortRunKeepsItsDecimals() {
        assertThat(Retagger.rate(1 / 38.0)).isEqualTo("0.026");
        assertThat(Retagger.rate(2.54)).isEqualTo("2.5");
    }

    @Test
    void aFastRunIsAWholeNumber() {
        assertThat(Retagger.rate(1234.6)).isEqualTo("1235");
    }
}
