package org.vsekai.backpack.contracts.scene;

/**
 * A scene camera's projection and pose, as a computer-vision pinhole (or affine) camera for one image size.
 *
 * <p>The glTF projection is kept as written: perspective cameras set {@code yfov} (radians) and, when the file
 * gives one, {@code aspectRatio}; orthographic ones set {@code xmag} and {@code ymag}; the unused pair is
 * {@code null}.
 *
 * <p>Conventions of the derived fields (added within version 1; absent when no image size was known):
 * <ul>
 *   <li>Camera frame: x right, y <b>down</b>, z forward (out of the lens), as OpenCV. glTF and Godot cameras look
 *       down their local −Z with +Y up, so that frame is the node's one turned by diag(1, −1, −1).</li>
 *   <li>{@code rotation} R and {@code translation} t map <b>world to camera</b>: X_cam = R · X_world + t. The
 *       camera centre in the world is −Rᵀ·t. The node's scale is ignored (glTF: "the view matrix is derived from the
 *       global transform of the node containing the camera with the scale ignored").</li>
 *   <li>{@code intrinsics} K, row-major, for an image of {@code imageWidth} × {@code imageHeight} pixels; pixel
 *       (0, 0) is the top-left corner of the top-left pixel, u grows right, v grows <b>down</b>, and the centre of
 *       pixel (i, j) is (i + 0.5, j + 0.5), so the principal point is (W/2, H/2).
 *       Perspective: (u, v, 1) ∝ K · X_cam, with f_y = H / (2 tan(yfov/2)) and f_x = W / (2 · aspectRatio ·
 *       tan(yfov/2)) (f_x = f_y when no aspect ratio is given: the viewport's is used, as glTF says).
 *       Orthographic: (u, v) = K · (X_cam.x, X_cam.y, 1), no division by depth, with f_x = W / (2 · xmag) and
 *       f_y = H / (2 · ymag).</li>
 *   <li>Lengths are in the scene's units (glTF: metres).</li>
 * </ul>
 *
 * @param intrinsics  K for {@code imageWidth} × {@code imageHeight}; null without an image size
 * @param rotation    R, world to camera, row-major; null when the camera's node is unknown
 * @param translation t, world to camera; null when the camera's node is unknown
 */
public record CameraCalibration(Projection projection, Double yfov, Double aspectRatio, Double xmag, Double ymag,
                                double znear, Double zfar, Integer imageWidth, Integer imageHeight,
                                Matrix3 intrinsics, Matrix3 rotation, Vector3 translation) {

    public enum Projection {
        PERSPECTIVE, ORTHOGRAPHIC
    }

    /** The projection alone, as version 1 first defined it (no image size, no pose). */
    public CameraCalibration(Projection projection, Double yfov, Double aspectRatio, Double xmag, Double ymag,
                             double znear, Double zfar) {
        this(projection, yfov, aspectRatio, xmag, ymag, znear, zfar, null, null, null, null, null);
    }
}
