package org.vsekai.backpack.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class JobStateTest {

    @Test
    void jobsOnlyMoveForward() {
        assertThat(JobState.RECEIVED.canMoveTo(JobState.STORED)).isTrue();
        assertThat(JobState.STORED.canMoveTo(JobState.EXTRACTED)).isTrue();
        assertThat(JobState.RECEIVED.canMoveTo(JobState.FAILED)).isTrue();
        assertThat(JobState.STORED.canMoveTo(JobState.RECEIVED)).isFalse();
        assertThat(JobState.RECEIVED.canMoveTo(JobState.EXTRACTED)).isFalse();
        for (JobState next : JobState.values()) {
            assertThat(JobState.EXTRACTED.canMoveTo(next)).as("EXTRACTED -> %s", next).isFalse();
            assertThat(JobState.FAILED.canMoveTo(next)).as("FAILED -> %s", next).isFalse();
        }
    }

    @Test
    void markingStoredTwiceIsARetryNotAnError() {
        Instant received = Instant.parse("2026-01-01T00:00:00Z");
        UploadJob job = UploadJob.received(UUID.randomUUID(), "user-1", received);

        job.markStored(received.plusSeconds(1));
        job.markStored(received.plusSeconds(2));

        assertThat(job.state()).isEqualTo(JobState.STORED);
        assertThat(job.updatedAt()).as("a retry keeps the time of the first transition")
                .isEqualTo(received.plusSeconds(1));
    }

    @Test
    void aFailedJobKeepsItsErrorAndCannotBeMarkedStored() {
        UploadJob job = UploadJob.received(UUID.randomUUID(), "user-1", Instant.now());
        job.markFailed("not a glTF file", Instant.now());

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).isEqualTo("not a glTF file");
        assertThatThrownBy(() -> job.markStored(Instant.now()))
                .isInstanceOf(JobStateConflictException.class)
                .hasMessageContaining("is FAILED and cannot become STORED");
        assertThatThrownBy(() -> job.markFailed("again", Instant.now()))
                .isInstanceOf(JobStateConflictException.class);
    }
}
