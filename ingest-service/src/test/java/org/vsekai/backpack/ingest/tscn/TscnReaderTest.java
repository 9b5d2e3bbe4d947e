package org.vsekai.backpack.ingest.tscn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.vsekai.backpack.ingest.fixtures.CalibrationAssertions.assertMatrix;
import static org.vsekai.backpack.ingest.fixtures.CalibrationAssertions.assertVector;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.CameraCalibration.Projection;
import org.vsekai.backpack.ingest.camera.SceneCamera;
import org.vsekai.backpack.ingest.fixtures.SceneFixtures;
import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.format.InvalidFileException;

/** Godot text scenes, read best effort: nodes, types, res:// references, and cameras placed and calibrated. */
class TscnReaderTest {

    @Test
    void theWaypointsDemoScene() throws IOException {
        TscnScene scene;
        try (Reader in = Files.newBufferedReader(SceneFixtures.sharedData("godot/waypoints_main.tscn"),
                StandardCharsets.UTF_8)) {
            scene = TscnReader.read(in, 1000);
        }
        assertThat(scene.format()).isEqualTo(3);
        assertThat(scene.resources()).extracting(TscnResource::path)
                .containsExactly("res://camera.gd", "res://main.gd", "res://waypoint.tscn");
        assertThat(scene.nodes()).hasSize(19);
        assertThat(scene.nodes().get(0)).isEqualTo(new TscnNode(0, "Main", ".", "Node3D", null));
        assertThat(scene.nodes().get(3)).isEqualTo(new TscnNode(3, "Waypoint", "BlueCube/WaypointAnchor/Waypoint",
                null, "res://waypoint.tscn"));
        assertThat(scene.nodes().get(18)).isEqualTo(new TscnNode(18, "Sun", "Sun", "DirectionalLight3D", null));

        assertThat(scene.cameras()).singleElement().satisfies(camera -> {
            assertThat(camera.id()).isEqualTo("13");
            assertThat(camera.name()).isEqualTo("Camera3D");
            // Transform3D(1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 8): no rotation, at (0, 1, 8). No fov in the file:
            // Godot 4's default, 75° vertical (keep_aspect defaults to KEEP_HEIGHT).
            CameraCalibration calibration = camera.calibrationFor(1280, 720);
            assertThat(calibration.projection()).isEqualTo(Projection.PERSPECTIVE);
            assertThat(calibration.yfov()).isEqualTo(Math.toRadians(75), within(1e-12));
            assertThat(calibration.znear()).isEqualTo(0.05);
            assertThat(calibration.zfar()).isEqualTo(4000.0);
            assertMatrix(calibration.rotation(), 1, 0, 0, 0, -1, 0, 0, 0, -1);
            assertVector(calibration.translation(), 0, 1, 8);
            // tan(37.5°) = 0.7673269879789604: f = 360 / 0.76732699 = 469.16113422283405; square pixels.
            assertMatrix(calibration.intrinsics(), 469.16113422283405, 0, 640, 0, 469.16113422283405, 360, 0, 0,
                    1);
        });
    }

    @Test
    void aGodot3SceneWithNestedTransformsAndBothProjections() throws IOException {
        String tscn = """
                [gd_scene load_steps=2 format=2]

                [ext_resource path="res://player.gd" type="Script" id=1]

                [sub_resource type="Image" id=3]
                data = {
                "data": PoolByteArray( %s ),
                "format": "RGBA8"
                }

                [node name="World" type="Spatial"]
                transform = Transform( 0, 0, 1, 0, 1, 0, -1, 0, 0, 10, 0, 0 )

                [node name="Rig" type="Spatial" parent="."]
                transform = Transform( 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 0 )

                [node name="Camera" type="Camera" parent="Rig"]
                fov = 60.0
                keep_aspect = 0
                far = 500.0
                script = ExtResource( 1 )
                text = "a [bracket] and a \\"quote\\" and a
                second line"

                [node name="Map" type="Camera" parent="."]
                projection = 1
                size = 20.0
                """.formatted("0, ".repeat(100_000) + "0");
        TscnScene scene = TscnReader.read(new StringReader(tscn), 10);

        assertThat(scene.format()).isEqualTo(2);
        assertThat(scene.nodes()).extracting(TscnNode::path).containsExactly(".", "Rig", "Rig/Camera", "Map");
        assertThat(scene.cameras()).extracting(SceneCamera::id).containsExactly("2", "3");

        // World turns a quarter about +Y (rows (0,0,1), (0,1,0), (-1,0,0)) and sits at (10, 0, 0); Rig is 2 up in
        // it, so the camera is at (10, 2, 0) looking down world −X: R rows (0,0,−1), (0,−1,0), (−1,0,0) and
        // t = −R·c = (0, 2, 10).
        CameraCalibration camera = scene.cameras().get(0).calibrationFor(800, 600);
        assertMatrix(camera.rotation(), 0, 0, -1, 0, -1, 0, -1, 0, 0);
        assertVector(camera.translation(), 0, 2, 10);
        // keep_aspect = 0 (KEEP_WIDTH): fov 60° is horizontal, f = 400 / tan(30°) = 692.8203230275509, and the
        // vertical field of view follows the image: 2 atan(tan 30° · 600/800) = 0.8172757101951849.
        assertMatrix(camera.intrinsics(), 692.8203230275509, 0, 400, 0, 692.8203230275509, 300, 0, 0, 1);
        assertThat(camera.yfov()).isEqualTo(0.8172757101951849, within(1e-12));
        assertThat(camera.zfar()).isEqualTo(500.0);
        assertThat(camera.znear()).isEqualTo(0.05);

        // Map: orthogonal, size 20 keeps the height: ymag 10, xmag 10 · 800/600; f_x = 800 / (2 · 13.33) = 30.
        CameraCalibration map = scene.cameras().get(1).calibrationFor(800, 600);
        assertThat(map.projection()).isEqualTo(Projection.ORTHOGRAPHIC);
        assertThat(map.ymag()).isEqualTo(10.0);
        assertThat(map.xmag()).isEqualTo(40.0 / 3, within(1e-12));
        assertMatrix(map.intrinsics(), 30, 0, 400, 0, 30, 300, 0, 0, 1);
        assertVector(map.translation(), 0, 0, 10);
    }

    @Test
    void whatIsNotAGodotSceneIsRefused() {
        assertRefused("hello = 1\n", "TSCN_NOT_A_SCENE", "line 1");
        assertRefused("[resource]\n", "TSCN_NOT_A_SCENE", "line 1");
        assertRefused("", "TSCN_NOT_A_SCENE", "line 1");
        assertRefused("[gd_scene format=3]\n\n[node name=\"A\" type=\"Node3D\"]\ntext = \"never ends\n\n",
                "TSCN_UNTERMINATED", "line 4");
        assertRefused("[gd_scene format=3]\n[node name=\"A\" type=\"Node3D\"\n", "TSCN_UNTERMINATED", "line 2");
        assertRefused("[gd_scene format=3]\n[node type=\"Node3D\"]\n", "TSCN_NODE_WITHOUT_NAME", "line 2");
    }

    @Test
    void limitsHold() {
        String deep = "[gd_scene format=3]\n[node name=\"A\" type=\"Node3D\"]\nx = " + "[".repeat(70) + "\n";
        assertThatThrownBy(() -> TscnReader.read(new StringReader(deep), 10))
                .isInstanceOfSatisfying(FileLimitException.class, e -> assertThat(e.limit())
                        .isEqualTo("max-json-depth"));
        String many = "[gd_scene format=3]\n" + "[node name=\"A\" parent=\".\"]\n".repeat(4);
        assertThatThrownBy(() -> TscnReader.read(new StringReader(many), 3))
                .isInstanceOfSatisfying(FileLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo("max-nodes");
                    assertThat(e.problem().errors().get(0).field()).isEqualTo("line 5");
                });
    }

    private static void assertRefused(String tscn, String code, String location) {
        assertThatThrownBy(() -> TscnReader.read(new StringReader(tscn), 10))
                .isInstanceOfSatisfying(InvalidFileException.class, e -> {
                    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
                    assertThat(e.location()).isEqualTo(location);
                });
    }
}
