package org.vsekai.backpack.contracts.scene;

import java.util.List;
import java.util.Objects;

/**
 * A 3 × 3 matrix of doubles, row-major: {@code rowMajor.get(3 * row + column)}. A list rather than an array so that
 * two equal matrices are equal records.
 */
public record Matrix3(List<Double> rowMajor) {

    public Matrix3 {
        Objects.requireNonNull(rowMajor, "rowMajor");
        if (rowMajor.size() != 9) {
            throw new IllegalArgumentException("a 3x3 matrix has 9 entries, not " + rowMajor.size());
        }
        rowMajor = List.copyOf(rowMajor);
    }

    /** The matrix with these nine entries, row after row. */
    public static Matrix3 ofRows(double... entries) {
        if (entries.length != 9) {
            throw new IllegalArgumentException("a 3x3 matrix has 9 entries, not " + entries.length);
        }
        Double[] boxed = new Double[9];
        for (int i = 0; i < 9; i++) {
            boxed[i] = entries[i];
        }
        return new Matrix3(List.of(boxed));
    }

    public double get(int row, int column) {
        return rowMajor.get(3 * row + column);
    }
}
