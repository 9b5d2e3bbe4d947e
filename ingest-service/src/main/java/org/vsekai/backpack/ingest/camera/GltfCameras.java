package org.vsekai.backpack.ingest.camera;

import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.contracts.scene.CameraCalibration.Projection;
import org.vsekai.backpack.ingest.gltf.GltfDocument;
import org.vsekai.backpack.ingest.gltf.NodeTransforms;

import de.javagl.jgltf.impl.v2.Camera;
import de.javagl.jgltf.impl.v2.Node;

/**
 * The placed cameras of a checked glTF: one per node that uses a camera, with the node's world transform through
 * the hierarchy (TRS or matrix) as its pose. A camera of an extension's type (neither perspective nor
 * orthographic) is skipped: nothing says how it projects.
 */
public final class GltfCameras {

    private GltfCameras() {
    }

    private static Double decimal(Float value) {
        return value == null ? null : NodeTransforms.decimal(value);
    }

    public static List<SceneCamera> of(GltfDocument document) {
        List<Node> nodes = document.gltf().getNodes() == null ? List.of() : document.gltf().getNodes();
        List<Camera> cameras = document.gltf().getCameras();
        NodeTransforms transforms = new NodeTransforms(document);
        List<SceneCamera> placed = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (node.getCamera() == null) {
                continue;
            }
            Camera camera = cameras.get(node.getCamera());
            CameraPose pose;
            try {
                pose = CameraPose.ofCameraToWorld(transforms.global(i));
            } catch (IllegalArgumentException e) {
                pose = null; // a zero scale on the way: the camera sees nothing, so it has no pose either
            }
            String name = node.getName() != null ? node.getName() : camera.getName();
            if ("perspective".equals(camera.getType())) {
                var p = camera.getPerspective();
                placed.add(new SceneCamera(Integer.toString(i), name, node.getCamera(), Projection.PERSPECTIVE,
                        decimal(p.getYfov()), null, decimal(p.getAspectRatio()), null, null, decimal(p.getZnear()),
                        decimal(p.getZfar()), pose));
            } else if ("orthographic".equals(camera.getType())) {
                var o = camera.getOrthographic();
                placed.add(new SceneCamera(Integer.toString(i), name, node.getCamera(), Projection.ORTHOGRAPHIC,
                        null, null, null, decimal(o.getXmag()), decimal(o.getYmag()), decimal(o.getZnear()),
                        decimal(o.getZfar()), pose));
            }
        }
        return placed;
    }
}
