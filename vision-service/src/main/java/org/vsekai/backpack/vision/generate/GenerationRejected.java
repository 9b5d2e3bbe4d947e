package org.vsekai.backpack.vision.generate;

/**
 * A generation request the service does not start, with its problem's status and type (under
 * {@code generation/}): the resource turns it into problem+json before any event is sent.
 */
public class GenerationRejected extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    GenerationRejected(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The problem type after {@code https://backpack.v-sekai.org/problems/}. */
    public String type() {
        return "generation/" + type;
    }

    public String title() {
        return title;
    }
}
