package org.vsekai.backpack.ingest.camera;

import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.CameraCalibration.Projection;
import org.vsekai.backpack.contracts.scene.Matrix3;

/**
 * One camera of a scene as it is placed: a glTF camera used by one node (a camera used by two nodes is two scene
 * cameras), or a Godot {@code Camera3D}. Its id names it in URLs and in camera-frames events.
 *
 * @param id             the index of the camera's node, in the glTF's {@code nodes} or in the order of a
 *                       {@code .tscn}'s {@code [node]} sections ("0", "1", ...)
 * @param name           the node's (or else the glTF camera's) name; a {@code .tscn} node's path from the root
 * @param cameraIndex    the glTF camera index; null for a {@code .tscn}
 * @param yfov           vertical field of view (radians) of a perspective camera; null for a horizontal one
 * @param xfov           horizontal field of view (radians), set instead of {@code yfov} by Godot cameras that keep
 *                       their width ({@code keep_aspect = KEEP_WIDTH})
 * @param xmag           half the width of an orthographic view; null when it follows the image's aspect (a
 *                       Godot camera that keeps its height)
 * @param ymag           half the height of an orthographic view; null when it follows the image's aspect
 * @param pose           world to camera; null when the camera cannot be placed
 */
public record SceneCamera(String id, String name, Integer cameraIndex, Projection projection, Double yfov,
                          Double xfov, Double aspectRatio, Double xmag, Double ymag, double znear, Double zfar,
                          CameraPose pose) {

    /** The projection and pose, without an image size. */
    public CameraCalibration calibration() {
        return new CameraCalibration(projection, yfov, aspectRatio, xmag, ymag, znear, zfar, null, null, null,
                pose == null ? null : pose.rotation(), pose == null ? null : pose.translation());
    }

    /**
     * The calibration for an image of {@code width} × {@code height} pixels, K computed as
     * {@code CameraCalibration} documents; without K when the projection cannot give one (a zero magnification).
     */
    public CameraCalibration calibrationFor(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("an image has a positive size, not " + width + " x " + height);
        }
        // A Godot camera keeps one of the pair and takes the other from the image's aspect.
        Double x = xmag;
        Double y = ymag;
        Double vertical = yfov;
        if (projection == Projection.ORTHOGRAPHIC && xmag == null) {
            x = ymag * width / height;
        } else if (projection == Projection.ORTHOGRAPHIC && ymag == null) {
            y = xmag * height / width;
        } else if (projection == Projection.PERSPECTIVE && yfov == null) {
            vertical = 2 * Math.atan(Math.tan(xfov / 2) * height / width);
        }
        return new CameraCalibration(projection, vertical, aspectRatio, x, y, znear, zfar, width, height,
                intrinsics(width, height, vertical, x, y), pose == null ? null : pose.rotation(),
                pose == null ? null : pose.translation());
    }

    private Matrix3 intrinsics(double width, double height, Double vertical, Double x, Double y) {
        double fx;
        double fy;
        if (projection == Projection.PERSPECTIVE) {
            fy = height / (2 * Math.tan(vertical / 2));
            fx = aspectRatio == null ? fy : width / (2 * aspectRatio * Math.tan(vertical / 2));
        } else {
            if (x == 0 || y == 0) {
                return null; // the validator warns about a zero magnification; such a camera images nothing
            }
            fx = width / (2 * x);
            fy = height / (2 * y);
        }
        return Matrix3.ofRows(fx, 0, width / 2, 0, fy, height / 2, 0, 0, 1);
    }
}
