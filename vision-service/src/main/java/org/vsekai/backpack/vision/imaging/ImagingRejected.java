package org.vsekai.backpack.vision.imaging;

import org.vsekai.backpack.vision.inference.TaskRejected;

/** An image-to-image request not served (problem types under {@code imaging/}). */
public class ImagingRejected extends TaskRejected {

    ImagingRejected(int status, String type, String title, String detail) {
        super("imaging", status, type, title, detail);
    }
}
