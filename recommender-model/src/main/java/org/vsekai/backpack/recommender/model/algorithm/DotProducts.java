package org.vsekai.backpack.recommender.model.algorithm;

/**
 * The float dot products that training (iALS' conjugate-gradient steps) and serving (the factor scan) spend their
 * time in, in one place so both sum in exactly the same order: each product summed sequentially in index order, and
 * rows scored four side by side (one accumulator each) so the CPU overlaps four add chains. Every result is the
 * plain sequential sum, bit for bit, whichever path computed it — that is what lets a serving layout return exactly
 * a fitted model's own lists.
 */
public final class DotProducts {

    /** Rows scored side by side: four independent dependency chains for the CPU to overlap. */
    public static final int BLOCK = 4;

    private DotProducts() {
    }

    /** rows[offset, offset + f) · vector[0, f), summed in index order. */
    public static float dot(float[] rows, int offset, float[] vector, int f) {
        float sum = 0;
        for (int d = 0; d < f; d++) {
            sum += rows[offset + d] * vector[d];
        }
        return sum;
    }

    /**
     * into[at + r] = row (fromRow + r) · vector for r in [0, count), for row-major {@code rows} of {@code f} entries;
     * four rows at a time, each summed as {@link #dot} does.
     */
    public static void rows(float[] rows, int fromRow, int count, float[] vector, int f, float[] into, int at) {
        int r = 0;
        for (; r + BLOCK <= count; r += BLOCK) {
            int o0 = (fromRow + r) * f;
            int o1 = o0 + f;
            int o2 = o1 + f;
            int o3 = o2 + f;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int d = 0; d < f; d++) {
                float v = vector[d];
                s0 += rows[o0 + d] * v;
                s1 += rows[o1 + d] * v;
                s2 += rows[o2 + d] * v;
                s3 += rows[o3 + d] * v;
            }
            into[at + r] = s0;
            into[at + r + 1] = s1;
            into[at + r + 2] = s2;
            into[at + r + 3] = s3;
        }
        for (; r < count; r++) {
            into[at + r] = dot(rows, (fromRow + r) * f, vector, f);
        }
    }
}
