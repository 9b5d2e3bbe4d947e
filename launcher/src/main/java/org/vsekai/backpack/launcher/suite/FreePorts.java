package org.vsekai.backpack.launcher.suite;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.stream.IntStream;

/** Finds ports nobody listens on, so a service fails before start-up rather than on bind. */
public final class FreePorts {

    private FreePorts() {
    }

    /** True when this process could listen on the port on every interface, as Quarkus does. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The first base port at or above {@code from}, in steps of {@code count}, from which {@code count} consecutive
     * ports are free. Another process may take one before it is used; good enough for tests and local runs.
     */
    public static int findConsecutive(int from, int count) {
        for (int base = from; base + count - 1 <= 65535; base += count) {
            int first = base;
            if (IntStream.range(0, count).allMatch(offset -> isFree(first + offset))) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports at or above " + from);
    }
}
