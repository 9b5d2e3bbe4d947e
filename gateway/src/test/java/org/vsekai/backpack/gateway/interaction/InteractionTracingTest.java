package org.vsekai.backpack.gateway.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.gateway.testing.ActivityJson;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.InteractionsTopic;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.TopicProbe;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The gateway's half of the end-to-end trace: the request's trace continues in the Kafka record's headers. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class InteractionTracingTest {

    /** These tests are about other things than access: an admin may do all of it. */
    @BeforeEach
    void authenticateAsAdmin() {
        TestTokens.sendWithEveryRequest(TestTokens.admin("test-admin"));
    }

    @AfterEach
    void forgetTheToken() {
        TestTokens.sendNoToken();
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theRecordCarriesTheTraceOfTheRequestThatProducedIt() {
        String activityId = "urn:test:traced-" + UUID.randomUUID();
        given().contentType("application/ld+json")
                .body(ActivityJson.like(ActivityJson.uniqueUser(), "item-1").with("id", activityId).bytes())
                .when().post(InteractionResourceTest.PATH)
                .then().statusCode(202);

        String traceparent;
        try (InteractionsTopic topic = new InteractionsTopic()) {
            ConsumerRecord<String, byte[]> record = topic.awaitActivity(activityId);
            traceparent = TopicProbe.header(record, "traceparent");
        }
        // W3C trace context: version-traceid-parentid-flags
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        String traceId = traceparent.split("-")[1];
        String parentId = traceparent.split("-")[2];

        // Spans are exported in batches, so wait until the trace's server and producer spans are both in.
        List<SpanData> trace = await().atMost(Duration.ofSeconds(10)).until(
                () -> spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList(),
                found -> found.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER)
                        && found.stream().anyMatch(s -> s.getKind() == SpanKind.PRODUCER));
        List<SpanData> servers = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).toList();
        assertThat(servers).extracting(SpanData::getName).containsExactly("POST " + InteractionResourceTest.PATH);
        SpanData producer = trace.stream().filter(s -> s.getSpanId().equals(parentId)).findFirst().orElseThrow();
        assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(producer.getParentSpanId()).isEqualTo(servers.get(0).getSpanId());
    }
}
