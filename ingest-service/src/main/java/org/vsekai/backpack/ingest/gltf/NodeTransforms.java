package org.vsekai.backpack.ingest.gltf;

import java.util.List;

import de.javagl.jgltf.impl.v2.Node;

/**
 * Node transforms in double precision, as 4 × 4 column-major arrays (glTF's layout): a node's local transform is
 * its {@code matrix}, or T · R · S of its translation, rotation quaternion and scale; its global transform is its
 * parents' global transforms times its own, root first (glTF 2.0 §3.5.3).
 */
public final class NodeTransforms {

    private final List<Node> nodes;
    private final NodeGraph graph;

    public NodeTransforms(GltfDocument document) {
        this.nodes = document.gltf().getNodes() == null ? List.of() : document.gltf().getNodes();
        this.graph = document.nodes();
    }

    /** The node's transform to world coordinates: parent's global × local, up to the root. */
    public double[] global(int node) {
        double[] result = local(nodes.get(node));
        for (int up = graph.parentOf(node); up >= 0; up = graph.parentOf(up)) {
            result = multiply(local(nodes.get(up)), result);
        }
        return result;
    }

    /**
     * The double a JSON number most likely was, given the float JglTF read it into: the shortest decimal that reads
     * back as that float ({@code 0.7f} gives 0.7, not 0.699999988). Exact for every number written with up to
     * seven significant digits, which is how exporters write floats.
     */
    public static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    /** The node's own transform, relative to its parent. */
    public static double[] local(Node node) {
        if (node.getMatrix() != null) {
            double[] m = new double[16];
            for (int i = 0; i < 16; i++) {
                m[i] = decimal(node.getMatrix()[i]);
            }
            return m;
        }
        float[] t = node.getTranslation() != null ? node.getTranslation() : new float[] {0, 0, 0};
        float[] q = node.getRotation() != null ? node.getRotation() : new float[] {0, 0, 0, 1};
        float[] s = node.getScale() != null ? node.getScale() : new float[] {1, 1, 1};
        return compose(decimals(t), decimals(q), decimals(s));
    }

    private static double[] decimals(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = decimal(values[i]);
        }
        return result;
    }

    /** T · R · S, column-major; the quaternion is (x, y, z, w) and normalised first. */
    public static double[] compose(double[] t, double[] q, double[] s) {
        double norm = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        double x = q[0] / norm;
        double y = q[1] / norm;
        double z = q[2] / norm;
        double w = q[3] / norm;
        double[][] r = {
            {1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)},
            {2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)},
            {2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)},
        };
        double[] m = new double[16];
        for (int column = 0; column < 3; column++) {
            for (int row = 0; row < 3; row++) {
                m[4 * column + row] = r[row][column] * s[column];
            }
        }
        m[12] = t[0];
        m[13] = t[1];
        m[14] = t[2];
        m[15] = 1;
        return m;
    }

    /** a · b, both column-major. */
    public static double[] multiply(double[] a, double[] b) {
        double[] m = new double[16];
        for (int column = 0; column < 4; column++) {
            for (int row = 0; row < 4; row++) {
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += a[4 * k + row] * b[4 * column + k];
                }
                m[4 * column + row] = sum;
            }
        }
        return m;
    }

    /**
     * Whether a column-major matrix is an affine T · R · S: last row (0, 0, 0, 1), an invertible upper 3 × 3, and
     * its columns orthogonal (no shear), within float rounding.
     */
    static boolean isDecomposable(float[] m) {
        if (m[3] != 0 || m[7] != 0 || m[11] != 0 || m[15] != 1) {
            return false;
        }
        double[][] columns = new double[3][3];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                columns[c][r] = m[4 * c + r];
            }
        }
        double[] lengths = new double[3];
        for (int c = 0; c < 3; c++) {
            lengths[c] = Math.sqrt(dot(columns[c], columns[c]));
            if (!(lengths[c] > 0) || !Double.isFinite(lengths[c])) {
                return false;
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                if (Math.abs(dot(columns[a], columns[b])) > 1e-4 * lengths[a] * lengths[b]) {
                    return false;
                }
            }
        }
        return true;
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
