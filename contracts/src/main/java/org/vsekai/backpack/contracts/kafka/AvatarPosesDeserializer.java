package org.vsekai.backpack.contracts.kafka;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.pose.AvatarPoses;

/** Reads {@link AvatarPoses} records of {@code avatar-poses}. */
public class AvatarPosesDeserializer extends EventDeserializer<AvatarPoses> {

    public AvatarPosesDeserializer() {
        super(Topics.AVATAR_POSES);
    }
}
