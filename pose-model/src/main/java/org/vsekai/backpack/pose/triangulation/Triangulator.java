package org.vsekai.backpack.pose.triangulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vsekai.backpack.pose.camera.ProjectiveCamera;

/**
 * Triangulates one point from two or more views: the linear (DLT) solution, then Gauss–Newton steps on the
 * weighted reprojection error, Σ wᵢ ‖π(Pᵢ, X) − xᵢ‖². Views whose weight is below {@code minWeight} are left
 * out; fewer than two that remain give no point.
 *
 * @param minWeight  views below this weight (keypoint score) are skipped
 * @param iterations at most this many Gauss–Newton steps (each one only taken if it lowers the error)
 */
public record Triangulator(double minWeight, int iterations) {

    public Triangulator {
        if (!(minWeight >= 0) || iterations < 0) {
            throw new IllegalArgumentException("minWeight >= 0 and iterations >= 0");
        }
    }

    /** The point, or empty when fewer than two confident views remain, the rays do not meet, or it lies behind. */
    public Optional<TriangulatedPoint> triangulate(List<Observation> observations) {
        List<Observation> used = new ArrayList<>(observations.size());
        for (Observation o : observations) {
            if (o.weight() >= minWeight && o.weight() > 0) {
                used.add(o);
            }
        }
        if (used.size() < 2) {
            return Optional.empty();
        }
        double[] x = linear(used);
        if (x == null) {
            return Optional.empty();
        }
        double cost = cost(used, x);
        for (int step = 0; step < iterations; step++) {
            double[] delta = gaussNewtonStep(used, x);
            if (delta == null) {
                break;
            }
            double[] next = {x[0] + delta[0], x[1] + delta[1], x[2] + delta[2]};
            double nextCost = cost(used, next);
            if (!(nextCost < cost)) {
                break; // at the minimum to rounding, or a step that overshoots: the linear answer stands
            }
            x = next;
            cost = nextCost;
            if (Math.sqrt(delta[0] * delta[0] + delta[1] * delta[1] + delta[2] * delta[2])
                    <= 1e-13 * (1 + Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]))) {
                break;
            }
        }
        for (Observation o : used) {
            if (!o.camera().sees(x[0], x[1], x[2])) {
                return Optional.empty();
            }
        }
        double sum = 0;
        double max = 0;
        for (Observation o : used) {
            double[] p = o.camera().project(x[0], x[1], x[2]);
            double d = Math.hypot(p[0] - o.u(), p[1] - o.v());
            sum += d * d;
            max = Math.max(max, d);
        }
        return Optional.of(new TriangulatedPoint(x[0], x[1], x[2], used.size(), Math.sqrt(sum / used.size()), max,
                errorPerPixel(used, x)));
    }

    /**
     * DLT: each view gives the two rows u·P₂ − P₀ and v·P₂ − P₁ of A X̃ = 0. Each row is scaled to unit length
     * (so pixel magnitudes do not condition the system) times √w, and X̃ is A's right singular vector of the
     * smallest singular value, the eigenvector of AᵀA.
     */
    private static double[] linear(List<Observation> used) {
        double[][] normal = new double[4][4];
        double[] row = new double[4];
        for (Observation o : used) {
            ProjectiveCamera c = o.camera();
            for (int r = 0; r < 2; r++) {
                double pixel = r == 0 ? o.u() : o.v();
                double length = 0;
                for (int k = 0; k < 4; k++) {
                    row[k] = pixel * c.entry(2, k) - c.entry(r, k);
                    length += row[k] * row[k];
                }
                if (length == 0) {
                    continue;
                }
                double scale = o.weight() / length;
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        normal[i][j] += scale * row[i] * row[j];
                    }
                }
            }
        }
        double[] h = SmallMatrices.smallestEigenvector(normal);
        if (!(Math.abs(h[3]) > 1e-12)) {
            return null; // a point at infinity: the rays are parallel
        }
        return new double[] {h[0] / h[3], h[1] / h[3], h[2] / h[3]};
    }

    private static double cost(List<Observation> used, double[] x) {
        double sum = 0;
        for (Observation o : used) {
            double[] p = o.camera().project(x[0], x[1], x[2]);
            double du = p[0] - o.u();
            double dv = p[1] - o.v();
            sum += o.weight() * (du * du + dv * dv);
        }
        return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum;
    }

    /** d(u, v)/dX of one view at x, rows u then v (2 × 3, row-major); null in the camera's centre plane. */
    private static double[] jacobian(ProjectiveCamera c, double[] x) {
        double w = c.depth(x[0], x[1], x[2]);
        if (w == 0) {
            return null;
        }
        double a = c.entry(0, 0) * x[0] + c.entry(0, 1) * x[1] + c.entry(0, 2) * x[2] + c.entry(0, 3);
        double b = c.entry(1, 0) * x[0] + c.entry(1, 1) * x[1] + c.entry(1, 2) * x[2] + c.entry(1, 3);
        double[] j = new double[6];
        for (int k = 0; k < 3; k++) {
            j[k] = (c.entry(0, k) * w - a * c.entry(2, k)) / (w * w);
            j[3 + k] = (c.entry(1, k) * w - b * c.entry(2, k)) / (w * w);
        }
        return j;
    }

    /** δ solving (Jᵀ W J) δ = −Jᵀ W r. */
    private static double[] gaussNewtonStep(List<Observation> used, double[] x) {
        double[] jtj = new double[9];
        double[] jtr = new double[3];
        for (Observation o : used) {
            double[] j = jacobian(o.camera(), x);
            if (j == null) {
                return null;
            }
            double[] p = o.camera().project(x[0], x[1], x[2]);
            double[] r = {p[0] - o.u(), p[1] - o.v()};
            for (int m = 0; m < 2; m++) {
                for (int a = 0; a < 3; a++) {
                    jtr[a] += o.weight() * j[3 * m + a] * r[m];
                    for (int b = 0; b < 3; b++) {
                        jtj[3 * a + b] += o.weight() * j[3 * m + a] * j[3 * m + b];
                    }
                }
            }
        }
        double[] inverse = SmallMatrices.inverse3(jtj);
        if (inverse == null) {
            return null;
        }
        double[] delta = new double[3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                delta[a] -= inverse[3 * a + b] * jtr[b];
            }
        }
        return delta;
    }

    /**
     * √trace of the estimate's covariance for unit pixel noise, to first order: the weighted least-squares estimate
     * X̂ has Cov = (JᵀWJ)⁻¹ JᵀW² J (JᵀWJ)⁻¹ when every coordinate carries independent noise of variance 1.
     */
    private static double errorPerPixel(List<Observation> used, double[] x) {
        double[] jtwj = new double[9];
        double[] jtw2j = new double[9];
        for (Observation o : used) {
            double[] j = jacobian(o.camera(), x);
            if (j == null) {
                return Double.POSITIVE_INFINITY;
            }
            double w = o.weight();
            for (int m = 0; m < 2; m++) {
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        double jj = j[3 * m + a] * j[3 * m + b];
                        jtwj[3 * a + b] += w * jj;
                        jtw2j[3 * a + b] += w * w * jj;
                    }
                }
            }
        }
        double[] inverse = SmallMatrices.inverse3(jtwj);
        if (inverse == null) {
            return Double.POSITIVE_INFINITY;
        }
        double trace = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 3; c++) {
                    trace += inverse[3 * a + b] * jtw2j[3 * b + c] * inverse[3 * c + a];
                }
            }
        }
        return Math.sqrt(trace);
    }
}
