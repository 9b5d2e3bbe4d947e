package org.vsekai.backpack.gateway.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts stand-ins for the metadata- and ingest-services (peers outside the gateway, reached over HTTP) on free
 * ports and points the gateway's REST clients at them; a test gets them in a field annotated
 * {@link InjectFakePeers}.
 */
public class FakePeersResource implements QuarkusTestResourceLifecycleManager {

    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface InjectFakePeers {
    }

    /** The stand-ins, by the service they replace. */
    public record FakePeers(StubPeer metadata, StubPeer ingest) {
    }

    private FakePeers peers;

    @Override
    public Map<String, String> start() {
        peers = new FakePeers(new StubPeer("metadata"), new StubPeer("ingest"));
        peers.metadata().start();
        peers.ingest().start();
        return Map.of("quarkus.rest-client.metadata.url", peers.metadata().url(),
                "quarkus.rest-client.ingest.url", peers.ingest().url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(peers,
                new TestInjector.AnnotatedAndMatchesType(InjectFakePeers.class, FakePeers.class));
    }

    @Override
    public void stop() {
        if (peers != null) {
            peers.metadata().close();
            peers.ingest().close();
            peers = null;
        }
    }
}
