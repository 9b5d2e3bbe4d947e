package org.vsekai.backpack.ingest.format;

/**
 * A file that may be valid but is beyond what this service reads: too many bytes (413) or too deep, too many
 * values, too large an embedded packet (422). It names the limit, its configured value, and where it was passed.
 */
public class FileLimitException extends org.vsekai.backpack.kit.problem.ProblemException {

    private final String limit;

    public FileLimitException(int status, String limit, String location, String message) {
        super(InvalidFileException.problem(status == 413 ? "file-too-large" : "file-limit", status,
                status == 413 ? "The file is too large" : "The file is beyond a limit", limit, location, message));
        this.limit = limit;
    }

    /** 413 problem: more bytes than {@code limit} allows. */
    public static FileLimitException tooLarge(String limit, String location, String message) {
        return new FileLimitException(413, limit, location, message);
    }

    /** 422 problem: the content passes another limit (depth, values, packet size). */
    public static FileLimitException beyond(String limit, String location, String message) {
        return new FileLimitException(422, limit, location, message);
    }

    /** The limit's configuration name, such as {@code max-json-depth}. */
    public String limit() {
        return limit;
    }
}
