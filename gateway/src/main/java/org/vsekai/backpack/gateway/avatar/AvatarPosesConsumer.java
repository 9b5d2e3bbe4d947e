package org.vsekai.backpack.gateway.avatar;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.vsekai.backpack.contracts.pose.AvatarPoses;

/**
 * The {@code avatar-poses} records, read from the end of the topic by a consumer group of this gateway's own that
 * commits nothing (every gateway sees every record, as the dashboard's detections), handed to the hub.
 */
@ApplicationScoped
public class AvatarPosesConsumer {

    public static final String CHANNEL = "avatar-stream";

    private final AvatarStreamHub hub;

    public AvatarPosesConsumer(AvatarStreamHub hub) {
        this.hub = hub;
    }

    @Incoming(CHANNEL)
    public void consume(AvatarPoses poses) {
        hub.publish(poses);
    }
}
