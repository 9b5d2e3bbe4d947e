package org.vsekai.backpack.launcher.suite;

/** The suite's ports: the gateway on the base port, the other services on the next ones ({@link ServiceSpec}). */
public record PortPlan(int basePort) {

    public static final int DEFAULT_BASE_PORT = 8080;

    public PortPlan {
        int highest = basePort + span() - 1;
        if (basePort < 1 || highest > 65535) {
            throw new IllegalArgumentException("base port must be between 1 and " + (65536 - span()) + ", not "
                    + basePort);
        }
    }

    public static PortPlan standard() {
        return new PortPlan(DEFAULT_BASE_PORT);
    }

    /** How many consecutive ports the suite takes. */
    public static int span() {
        return ServiceSpec.ALL.stream().mapToInt(ServiceSpec::portOffset).max().orElse(0) + 1;
    }

    public int portOf(ServiceSpec service) {
        return basePort + service.portOffset();
    }

    public String urlOf(ServiceSpec service) {
        return "http://localhost:" + portOf(service);
    }
}
