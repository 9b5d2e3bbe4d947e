package org.vsekai.backpack.launcher.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortPlanTest {

    @Test
    void theStandardPlanPutsTheGatewayOn8080AndTheOthersOnTheNextPorts() {
        PortPlan ports = PortPlan.standard();

        assertThat(ports.portOf(ServiceSpec.GATEWAY)).isEqualTo(8080);
        assertThat(ports.portOf(ServiceSpec.INGEST)).isEqualTo(8081);
        assertThat(ports.portOf(ServiceSpec.METADATA)).isEqualTo(8082);
        assertThat(ports.portOf(ServiceSpec.VISION)).isEqualTo(8083);
        assertThat(ports.portOf(ServiceSpec.RECOMMENDER)).isEqualTo(8084);
    }

    @Test
    void aBasePortShiftsAllFive() {
        PortPlan ports = new PortPlan(18080);

        assertThat(ServiceSpec.ALL).extracting(ports::portOf).containsExactly(18080, 18081, 18082, 18083, 18084);
        assertThat(ports.urlOf(ServiceSpec.RECOMMENDER)).isEqualTo("http://localhost:18084");
    }

    @Test
    void theSuiteMustFitBelowPort65536() {
        assertThat(PortPlan.span()).isEqualTo(5);
        assertThat(new PortPlan(65531).portOf(ServiceSpec.RECOMMENDER)).isEqualTo(65535);
        assertThatThrownBy(() -> new PortPlan(65532)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65531");
        assertThatThrownBy(() -> new PortPlan(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
