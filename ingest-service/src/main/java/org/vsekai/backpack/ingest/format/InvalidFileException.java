package org.vsekai.backpack.ingest.format;

import java.util.List;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;

/**
 * An uploaded file that a conformant reader must refuse; over HTTP a 422 problem. It names the first error found:
 * its code (the Khronos glTF validator's issue code where there is one, such as {@code GLB_CHUNK_TOO_BIG} or
 * {@code UNRESOLVED_REFERENCE}) and where it is, a JSON pointer ({@code /accessors/0/count}) or a byte offset
 * ({@code byte 20}) for the binary container.
 */
public class InvalidFileException extends ProblemException {

    private final String code;
    private final String location;

    public InvalidFileException(String code, String location, String message) {
        this(code, location, message, null);
    }

    public InvalidFileException(String code, String location, String message, Throwable cause) {
        super(problem("invalid-scene-file", 422, "The file is not valid", code, location, message), cause);
        this.code = code;
        this.location = location;
    }

    /** A JSON pointer in the glTF's JSON, or {@code byte N}. */
    public String location() {
        return location;
    }

    public String code() {
        return code;
    }

    static Problem problem(String type, int status, String title, String code, String location, String message) {
        return new Problem(Problem.TYPE_BASE + type, title, status,
                code + " at " + describe(location) + ": " + message, null,
                List.of(new Problem.FieldError(location, code + ": " + message)));
    }

    private static String describe(String location) {
        return location.isEmpty() ? "the document root" : location;
    }
}
