package org.vsekai.backpack.contracts.generation;

/**
 * One server-sent event of a generation stream: the text the newest tokens added. The event's name says whose text:
 * {@code reasoning} (the model's chain of thought) or {@code answer}.
 */
public record GeneratedText(String text) {
}
