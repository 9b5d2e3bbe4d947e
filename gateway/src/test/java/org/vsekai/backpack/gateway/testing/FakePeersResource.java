package org.vsekai.backpack.gateway.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts stand-ins for the metadata-, ingest- and vision-services (peers outside the gateway, reached over HTTP) on free
 * ports and points the gateway's REST clients at them; a test gets them in a field annotated
 * {@link InjectFakePeers}.
 */
public class FakePeersResource implements QuarkusTestResourceLifecycleManager {

    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface InjectFakePeers {
    }

    /** The stand-ins, by the service they replace. */
    public record FakePeers(StubPeer metadata, StubPeer ingest, StubPeer vision) {

        public List<StubPeer> all() {
            return List.of(metadata, ingest, vision);
        }
    }

    private FakePeers peers;

    @Override
    public Map<String, String> start() {
        peers = new FakePeers(new StubPeer("metadata"), new StubPeer("ingest"), new StubPeer("vision"));
        peers.all().forEach(StubPeer::start);
        return Map.of("quarkus.rest-client.metadata.url", peers.metadata().url(),
                "quarkus.rest-client.ingest.url", peers.ingest().url(),
                "quarkus.rest-client.vision.url", peers.vision().url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(peers,
                new TestInjector.AnnotatedAndMatchesType(InjectFakePeers.class, FakePeers.class));
    }

    @Override
    public void stop() {
        if (peers != null) {
            peers.all().forEach(StubPeer::close);
            peers = null;
        }
    }
}
