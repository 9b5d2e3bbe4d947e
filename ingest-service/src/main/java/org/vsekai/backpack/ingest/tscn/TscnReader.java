package org.vsekai.backpack.ingest.tscn;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vsekai.backpack.contracts.scene.CameraCalibration.Projection;
import org.vsekai.backpack.ingest.camera.CameraPose;
import org.vsekai.backpack.ingest.camera.SceneCamera;
import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.format.InvalidFileException;
import org.vsekai.backpack.ingest.gltf.NodeTransforms;

/**
 * A best-effort reader of Godot text scenes ({@code .tscn}, format 2 of Godot 3 and 3 of Godot 4): the
 * {@code [gd_scene]} header, every {@code [ext_resource]} (its {@code res://} path listed, never opened), and
 * every {@code [node]} with its path and type; of node properties it keeps only what places and projects a
 * camera ({@code transform}, {@code fov}, {@code near}, {@code far}, {@code projection}, {@code size},
 * {@code keep_aspect}), with Godot's defaults where the file omits one. Other values are skipped as they stream
 * by (a value longer than 64 K characters is never held), so a large embedded resource costs no memory.
 *
 * <p>Godot writes {@code Transform3D(...)} (Godot 3: {@code Transform(...)}) as the basis row by row, then the
 * origin; its cameras look down −Z with +Y up, as glTF's do. An instanced scene's own root transform is not known
 * (the instanced file is not read), so it counts as identity unless the node overrides it.
 */
public final class TscnReader {

    private static final int MAX_KEPT_CHARS = 64 * 1024;
    private static final int MAX_DEPTH = 64;
    private static final List<String> CAMERA_TYPES = List.of("Camera3D", "XRCamera3D", "Camera", "ARVRCamera");
    private static final List<String> CAMERA_PROPERTIES = List.of("transform", "fov", "near", "far", "projection",
            "size", "keep_aspect");

    private final Reader in;
    private final int maxNodes;
    private int line = 1;
    private int pushedBack = -2;

    private TscnReader(Reader in, int maxNodes) {
        this.in = in;
        this.maxNodes = maxNodes;
    }

    /**
     * Reads the scene from {@code in} (UTF-8 text).
     *
     * @throws InvalidFileException when it is not a Godot text scene, or a section or value never ends
     * @throws FileLimitException   past {@code maxNodes} nodes or 64 levels of brackets in a value
     */
    public static TscnScene read(Reader in, int maxNodes) throws IOException {
        return new TscnReader(in, maxNodes).scene();
    }

    private record Section(String tag, Map<String, String> attributes, int line) {
    }

    private TscnScene scene() throws IOException {
        int format = -1;
        List<TscnNode> nodes = new ArrayList<>();
        List<TscnResource> resources = new ArrayList<>();
        List<Map<String, String>> nodeProperties = new ArrayList<>();
        Map<String, String> current = null;
        for (int c = skipBlank(); c != -1; c = skipBlank()) {
            if (c == ';') {
                skipLine();
            } else if (c == '[') {
                Section section = header();
                current = null;
                if (format < 0) {
                    if (!section.tag().equals("gd_scene")) {
                        throw new InvalidFileException("TSCN_NOT_A_SCENE", "line " + section.line(),
                                "a Godot text scene starts with [gd_scene ...], not [" + section.tag() + " ...]");
                    }
                    format = integer(section.attributes().get("format"), 0);
                } else if (section.tag().equals("ext_resource")) {
                    resources.add(new TscnResource(text(section.attributes().get("id")),
                            text(section.attributes().get("type")), text(section.attributes().get("path"))));
                } else if (section.tag().equals("node")) {
                    if (nodes.size() >= maxNodes) {
                        throw FileLimitException.beyond("max-nodes", "line " + section.line(), "more than "
                                + maxNodes + " nodes");
                    }
                    nodes.add(node(section, nodes.size(), resources));
                    current = new HashMap<>();
                    nodeProperties.add(current);
                }
            } else if (format < 0) {
                throw new InvalidFileException("TSCN_NOT_A_SCENE", "line " + line,
                        "a Godot text scene starts with [gd_scene ...]");
            } else {
                pushedBack = c;
                property(current);
            }
        }
        if (format < 0) {
            throw new InvalidFileException("TSCN_NOT_A_SCENE", "line " + line, "the file is empty");
        }
        return new TscnScene(format, List.copyOf(nodes), List.copyOf(resources), cameras(nodes, nodeProperties));
    }

    private static TscnNode node(Section section, int index, List<TscnResource> resources) {
        String name = text(section.attributes().get("name"));
        if (name == null) {
            throw new InvalidFileException("TSCN_NODE_WITHOUT_NAME", "line " + section.line(), "a [node] needs a name");
        }
        String parent = text(section.attributes().get("parent"));
        String path = parent == null ? "." : parent.equals(".") ? name : parent + "/" + name;
        String instance = null;
        String instanced = section.attributes().get("instance");
        if (instanced != null) {
            String id = instanced.replaceAll("^ExtResource\\(\\s*\"?([^\")\\s]*)\"?\\s*\\)$", "$1");
            instance = resources.stream().filter(r -> id.equals(r.id())).map(TscnResource::path).findFirst()
                    .orElse(null);
        }
        return new TscnNode(index, name, path, text(section.attributes().get("type")), instance);
    }

    // --- cameras

    private static List<SceneCamera> cameras(List<TscnNode> nodes, List<Map<String, String>> properties) {
        Map<String, double[]> local = new LinkedHashMap<>();
        for (TscnNode node : nodes) {
            local.put(node.path(), transform(properties.get(node.index()).get("transform")));
        }
        List<SceneCamera> cameras = new ArrayList<>();
        for (TscnNode node : nodes) {
            if (node.type() == null || !CAMERA_TYPES.contains(node.type())) {
                continue;
            }
            Map<String, String> p = properties.get(node.index());
            boolean godot3 = node.type().equals("Camera") || node.type().equals("ARVRCamera");
            int projection = integer(p.get("projection"), 0);
            boolean keepWidth = integer(p.get("keep_aspect"), 1) == 0;
            double near = number(p.get("near"), 0.05);
            double far = number(p.get("far"), godot3 ? 100 : 4000);
            CameraPose pose = pose(node.path(), local);
            if (projection == 0) {
                double fov = Math.toRadians(number(p.get("fov"), godot3 ? 70 : 75));
                cameras.add(new SceneCamera(Integer.toString(node.index()), node.path(), null,
                        Projection.PERSPECTIVE, keepWidth ? null : fov, keepWidth ? fov : null, null, null, null,
                        near, far, pose));
            } else if (projection == 1) {
                double half = number(p.get("size"), 1) / 2;
                cameras.add(new SceneCamera(Integer.toString(node.index()), node.path(), null,
                        Projection.ORTHOGRAPHIC, null, null, null, keepWidth ? half : null, keepWidth ? null : half,
                        near, far, pose));
            }
            // projection 2 (frustum, an off-centre lens) has no glTF counterpart: listed as a node only.
        }
        return List.copyOf(cameras);
    }

    private static CameraPose pose(String path, Map<String, double[]> local) {
        double[] world = identityIfAbsent(local.get(path));
        String at = path;
        while (!at.equals(".")) {
            int slash = at.lastIndexOf('/');
            at = slash < 0 ? "." : at.substring(0, slash);
            world = NodeTransforms.multiply(identityIfAbsent(local.get(at)), world);
        }
        try {
            return CameraPose.ofCameraToWorld(world);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static double[] identityIfAbsent(double[] transform) {
        return transform != null ? transform : NodeTransforms.compose(new double[3], new double[] {0, 0, 0, 1},
                new double[] {1, 1, 1});
    }

    /** A {@code Transform3D(...)} as a column-major 4 × 4; null when absent or not twelve numbers. */
    static double[] transform(String value) {
        if (value == null || !value.matches("(?s)Transform(3D)?\\s*\\(.*\\)")) {
            return null;
        }
        String[] parts = value.substring(value.indexOf('(') + 1, value.lastIndexOf(')')).split(",");
        if (parts.length != 12) {
            return null;
        }
        double[] m = new double[16];
        try {
            for (int row = 0; row < 3; row++) {
                for (int column = 0; column < 3; column++) {
                    m[4 * column + row] = Double.parseDouble(parts[3 * row + column].strip());
                }
                m[12 + row] = Double.parseDouble(parts[9 + row].strip());
            }
        } catch (NumberFormatException e) {
            return null;
        }
        m[15] = 1;
        return m;
    }

    private static double number(String value, double otherwise) {
        try {
            return value == null ? otherwise : Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static int integer(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(text(value).strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The text of a quoted Godot string ({@code "a\"b"}); other values as they are. */
    static String text(String value) {
        if (value == null || value.length() < 2 || value.charAt(0) != '"' || !value.endsWith("\"")) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                char escaped = value.charAt(++i);
                out.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> escaped;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // --- lexing

    private Section header() throws IOException {
        int start = line;
        String body = balanced(']', start);
        int space = 0;
        while (space < body.length() && !Character.isWhitespace(body.charAt(space))) {
            space++;
        }
        Map<String, String> attributes = new HashMap<>();
        int i = space;
        while (i < body.length()) {
            while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            int equals = body.indexOf('=', i);
            if (equals < 0) {
                break;
            }
            String key = body.substring(i, equals).strip();
            int end = valueEnd(body, equals + 1);
            attributes.put(key, body.substring(equals + 1, end).strip());
            i = end;
        }
        return new Section(body.substring(0, space), attributes, start);
    }

    /** Where a header attribute's value ends: at white space outside quotes and brackets. */
    private static int valueEnd(String body, int from) {
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (Character.isWhitespace(c) && depth <= 0 && i > from) {
                return i;
            }
        }
        return body.length();
    }

    private void property(Map<String, String> keep) throws IOException {
        int start = line;
        StringBuilder key = new StringBuilder();
        for (int c = next(); c != '='; c = next()) {
            if (c == -1 || c == '\n') {
                return; // best effort: a line that is no "key = value" is skipped
            }
            if (key.length() < 1024) {
                key.append((char) c);
            }
        }
        String name = key.toString().strip();
        boolean wanted = keep != null && CAMERA_PROPERTIES.contains(name);
        String value = value(start, wanted);
        if (wanted && value != null) {
            keep.put(name, value.strip());
        }
    }

    /** A property's value, up to the end of its line outside strings and brackets; null when not kept. */
    private String value(int start, boolean keep) throws IOException {
        StringBuilder kept = keep ? new StringBuilder() : null;
        int depth = 0;
        boolean quoted = false;
        for (int c = next(); ; c = next()) {
            if (c == -1) {
                if (quoted || depth > 0) {
                    throw new InvalidFileException("TSCN_UNTERMINATED", "line " + start,
                            "a value that starts here never ends");
                }
                break;
            }
            if (quoted) {
                if (c == '\\') {
                    append(kept, c);
                    c = next();
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) {
                    throw FileLimitException.beyond("max-json-depth", "line " + start,
                            "a value nests deeper than " + MAX_DEPTH + " brackets");
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == '\n' && depth <= 0) {
                break;
            }
            if (kept != null && !append(kept, c)) {
                kept = null;
            }
        }
        return kept == null ? null : kept.toString();
    }

    private static boolean append(StringBuilder kept, int c) {
        if (kept == null || c < 0) {
            return kept != null;
        }
        if (kept.length() >= MAX_KEPT_CHARS) {
            return false;
        }
        kept.append((char) c);
        return true;
    }

    /** The text up to the {@code close} that ends a section header, outside quotes. */
    private String balanced(char close, int start) throws IOException {
        StringBuilder text = new StringBuilder();
        boolean quoted = false;
        for (int c = next(); ; c = next()) {
            if (c == -1 || text.length() > MAX_KEPT_CHARS) {
                throw new InvalidFileException("TSCN_UNTERMINATED", "line " + start,
                        "a section header that starts here never ends");
            }
            if (quoted) {
                if (c == '\\') {
                    text.append((char) c);
                    c = next();
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == close) {
                return text.toString();
            }
            if (c >= 0) {
                text.append((char) c);
            }
        }
    }

    private int skipBlank() throws IOException {
        int c = next();
        while (c != -1 && Character.isWhitespace(c)) {
            c = next();
        }
        return c;
    }

    private void skipLine() throws IOException {
        for (int c = next(); c != -1 && c != '\n'; c = next()) {
            // skipped
        }
    }

    private int next() throws IOException {
        int c;
        if (pushedBack != -2) {
            c = pushedBack;
            pushedBack = -2;
            return c;
        }
        c = in.read();
        if (c == '\n') {
            line++;
        }
        return c;
    }
}
