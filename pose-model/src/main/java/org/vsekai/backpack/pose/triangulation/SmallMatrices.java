package org.vsekai.backpack.pose.triangulation;

/**
 * The two solves triangulation needs, on matrices too small for a library: the eigenvector of a symmetric 4 × 4
 * matrix with the smallest eigenvalue (cyclic Jacobi, exact to rounding), and a symmetric 3 × 3 inverse.
 */
final class SmallMatrices {

    private SmallMatrices() {
    }

    /** The unit eigenvector of the smallest eigenvalue of the symmetric matrix {@code a} (n × n, not changed). */
    static double[] smallestEigenvector(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 64; sweep++) {
            double off = 0;
            double diagonal = 0;
            for (int p = 0; p < n; p++) {
                diagonal += m[p][p] * m[p][p];
                for (int q = p + 1; q < n; q++) {
                    off += m[p][q] * m[p][q];
                }
            }
            if (off <= 1e-30 * diagonal || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] == 0) {
                        continue;
                    }
                    // Rotate rows and columns p, q so that m[p][q] becomes 0 (Golub & Van Loan, 8.5.2).
                    double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k][p];
                        double mkq = m[k][q];
                        m[k][p] = c * mkp - s * mkq;
                        m[k][q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p][k];
                        double mqk = m[q][k];
                        m[p][k] = c * mpk - s * mqk;
                        m[q][k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        int smallest = 0;
        for (int i = 1; i < n; i++) {
            if (m[i][i] < m[smallest][smallest]) {
                smallest = i;
            }
        }
        double[] vector = new double[n];
        for (int k = 0; k < n; k++) {
            vector[k] = v[k][smallest];
        }
        return vector;
    }

    /** The inverse of a symmetric 3 × 3 matrix (row-major, 9 entries); null when it is singular. */
    static double[] inverse3(double[] a) {
        double c00 = a[4] * a[8] - a[5] * a[7];
        double c01 = a[5] * a[6] - a[3] * a[8];
        double c02 = a[3] * a[7] - a[4] * a[6];
        double determinant = a[0] * c00 + a[1] * c01 + a[2] * c02;
        double scale = Math.abs(a[0]) + Math.abs(a[4]) + Math.abs(a[8]);
        if (!(Math.abs(determinant) > 1e-14 * scale * scale * scale)) {
            return null;
        }
        double[] inverse = {
            c00, a[2] * a[7] - a[1] * a[8], a[1] * a[5] - a[2] * a[4],
            c01, a[0] * a[8] - a[2] * a[6], a[2] * a[3] - a[0] * a[5],
            c02, a[1] * a[6] - a[0] * a[7], a[0] * a[4] - a[1] * a[3]};
        for (int i = 0; i < 9; i++) {
            inverse[i] /= determinant;
        }
        return inverse;
    }
}
