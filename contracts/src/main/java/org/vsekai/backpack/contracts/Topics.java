package org.vsekai.backpack.contracts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.contracts.embedding.ItemEmbedding;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.contracts.pose.AvatarPoses;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.contracts.scene.SceneUploaded;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.contracts.vision.Keypoints;

/** Every topic of the suite: the single place where names, partition counts and record types are defined. */
public final class Topics {

    /** Channel and topic names as constants, for {@code @Incoming}/{@code @Channel} annotations. */
    public static final String INTERACTIONS_NAME = "interactions";
    public static final String SCENE_UPLOADED_NAME = "scene-uploaded";
    public static final String SCENE_METADATA_NAME = "scene-metadata";
    public static final String CAMERA_FRAMES_NAME = "camera-frames";
    public static final String DETECTIONS_NAME = "detections";
    public static final String KEYPOINTS_NAME = "keypoints";
    public static final String ITEM_ATTRIBUTES_NAME = "item-attributes";
    public static final String USER_ERASURES_NAME = "user-erasures";
    public static final String ITEM_EMBEDDINGS_NAME = "item-embeddings";
    public static final String AVATAR_POSES_NAME = "avatar-poses";

    // Partition counts bound consumer parallelism; interactions carry the most traffic.
    public static final Topic<InteractionEvent> INTERACTIONS =
            new Topic<>(INTERACTIONS_NAME, 6, InteractionEvent.class, InteractionEvent.CURRENT_VERSION, false);
    public static final Topic<SceneUploaded> SCENE_UPLOADED =
            new Topic<>(SCENE_UPLOADED_NAME, 3, SceneUploaded.class, SceneUploaded.CURRENT_VERSION, false);
    public static final Topic<SceneMetadata> SCENE_METADATA =
            new Topic<>(SCENE_METADATA_NAME, 3, SceneMetadata.class, SceneMetadata.CURRENT_VERSION, false);
    public static final Topic<CameraFrame> CAMERA_FRAMES =
            new Topic<>(CAMERA_FRAMES_NAME, 3, CameraFrame.class, CameraFrame.CURRENT_VERSION, false);
    public static final Topic<Detections> DETECTIONS =
            new Topic<>(DETECTIONS_NAME, 3, Detections.class, Detections.CURRENT_VERSION, false);
    public static final Topic<Keypoints> KEYPOINTS =
            new Topic<>(KEYPOINTS_NAME, 3, Keypoints.class, Keypoints.CURRENT_VERSION, false);
    public static final Topic<ItemAttributes> ITEM_ATTRIBUTES =
            new Topic<>(ITEM_ATTRIBUTES_NAME, 3, ItemAttributes.class, ItemAttributes.CURRENT_VERSION, true);
    public static final Topic<ItemEmbedding> ITEM_EMBEDDINGS =
            new Topic<>(ITEM_EMBEDDINGS_NAME, 3, ItemEmbedding.class, ItemEmbedding.CURRENT_VERSION, true);
    // A live stream: a pose an hour old drives no avatar, and readers start at the end.
    public static final Topic<AvatarPoses> AVATAR_POSES = new Topic<>(AVATAR_POSES_NAME, 3, AvatarPoses.class,
            AvatarPoses.CURRENT_VERSION, false, Duration.ofHours(1));
    public static final Topic<UserErasure> USER_ERASURES =
            new Topic<>(USER_ERASURES_NAME, 3, UserErasure.class, UserErasure.CURRENT_VERSION, false);

    private static final List<Topic<?>> ALL = List.of(INTERACTIONS, SCENE_UPLOADED, SCENE_METADATA, CAMERA_FRAMES,
            DETECTIONS, KEYPOINTS, ITEM_ATTRIBUTES, ITEM_EMBEDDINGS, AVATAR_POSES, USER_ERASURES);

    private Topics() {
    }

    /** Every event topic, in a fixed order. */
    public static List<Topic<?>> all() {
        return ALL;
    }

    /** Every event topic and its dead-letter topic: what a broker must hold before a service starts. */
    public static List<String> allNamesWithDeadLetters() {
        List<String> names = new ArrayList<>();
        for (Topic<?> topic : ALL) {
            names.add(topic.name());
            names.add(topic.deadLetterTopic());
        }
        return names;
    }

    /** The topic a name belongs to, or an exception naming the unknown topic. */
    public static Topic<?> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic: " + name));
    }
}
