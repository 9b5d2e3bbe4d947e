package org.vsekai.backpack.pose.triangulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class InstantsTest {

    record Frame(String camera, long millis) {
        Instant at() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void framesWithinTheWindowOfTheFirstAreOneInstantOneFramePerCamera() {
        List<Frame> frames = List.of(new Frame("b", 1010), new Frame("a", 1000), new Frame("c", 1020),
                new Frame("a", 1030), new Frame("b", 1100), new Frame("c", 1135));
        List<List<Frame>> instants = Instants.group(frames, Frame::at, Frame::camera, Duration.ofMillis(25));
        assertThat(instants).containsExactly(
                List.of(new Frame("a", 1000), new Frame("b", 1010), new Frame("c", 1020)),
                List.of(new Frame("a", 1030)), // within 25 ms of b at 1010, but a already had a frame then
                List.of(new Frame("b", 1100)),
                List.of(new Frame("c", 1135)));
    }
}
