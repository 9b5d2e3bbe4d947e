package org.vsekai.backpack.contracts.vision;

/** One class of a classifier's answer ({@code 0} or {@code 180} for text orientation) and its probability. */
public record ClassScore(String label, double score) {
}
