package org.speechforum.query.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApproximateDatesTest {

    @Test
    void aDateIsLeftOutOfEveryBucketFinerThanWhatIsKnownOfIt() {
        assertThat(ApproximateDates.coarserThan("day")).containsExactly("MONTH", "YEAR");
        assertThat(ApproximateDates.coarserThan("week")).containsExactly("MONTH", "YEAR");
        assertThat(ApproximateDates.coarserThan("month")).containsExactly("YEAR");
        assertThat(ApproximateDates.coarserThan("year")).isEmpty();
    }

    @Test
    void yearBucketsTakeEveryDateAndLeaveNothingOut() {
        assertThat(ApproximateDates.fits("year").isMatchAll()).isTrue();
        assertThat(ApproximateDates.leftOut("year").isMatchNone()).isTrue();
        assertThat(ApproximateDates.fits("day").isBool()).isTrue();
    }
}
