package org.vsekai.backpack.vision.imaging;

/** An image-to-image request not served: its problem's status and type (under {@code imaging/}). */
public class ImagingRejected extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    ImagingRejected(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return "imaging/" + type;
    }

    public String title() {
        return title;
    }
}
