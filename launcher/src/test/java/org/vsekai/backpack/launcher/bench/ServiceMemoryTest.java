package org.vsekai.backpack.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Heap figures read from a service's Prometheus text, and the memory trend the soak prints. */
class ServiceMemoryTest {

    private static final String METRICS = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="Tenured Gen"} 3.0E7
            jvm_memory_used_bytes{area="heap",id="Eden Space"} 1.5E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E7
            jvm_memory_used_bytes_total 12
            jvm_gc_live_data_size_bytes 2.5E7
            """;

    @Test
    void theHeapIsTheSumOfItsPoolsAndOtherMetricsOfASimilarNameAreLeftOut() {
        assertThat(ServiceMemory.sum(METRICS, "jvm_memory_used_bytes", "area=\"heap\"")).hasValue(45_000_000L);
        assertThat(ServiceMemory.sum(METRICS, "jvm_memory_used_bytes", null)).hasValue(135_000_000L);
        assertThat(ServiceMemory.sum(METRICS, "jvm_gc_live_data_size_bytes", null)).hasValue(25_000_000L);
        assertThat(ServiceMemory.sum(METRICS, "jvm_threads_live_threads", null)).isEmpty();
        assertThat(ServiceMemory.sum("", "jvm_memory_used_bytes", null)).isEmpty();
    }

    @Test
    void theTrendIsTheLeastSquaresSlopeInMibPerMinute() {
        long mib = 1024 * 1024;
        // Growing 2 MiB a minute with noise that cancels out.
        assertThat(ServiceMemory.slopeMibPerMinute(List.of(0.0, 1.0, 2.0, 3.0),
                List.of(100 * mib + 1000, 102 * mib - 1000, 104 * mib - 1000, 106 * mib + 1000)))
                .isCloseTo(2.0, within(0.01));
        assertThat(ServiceMemory.slopeMibPerMinute(List.of(0.0, 1.0, 2.0), List.of(5 * mib, 5 * mib, 5 * mib)))
                .isEqualTo(0.0);
        assertThat(ServiceMemory.slopeMibPerMinute(List.of(1.0), List.of(mib))).isNaN();
    }
}
