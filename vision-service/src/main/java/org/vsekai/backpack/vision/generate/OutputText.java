package org.vsekai.backpack.vision.generate;

import java.util.List;

/**
 * The generated text, split as it grows into the model's reasoning and its answer, and what of each is new to send.
 * It is given the whole decoded text after every token (decoding the whole is what keeps multi-byte characters and
 * merged pieces right). With delimiters, the reasoning is what follows the start delimiter (or the text from the
 * beginning when the prompt opened it) up to the end delimiter, the answer what follows that, its leading white space
 * dropped; without, everything is answer. The answer ends before the first stop string. Text that may still turn
 * into a delimiter or a stop string, or ends in half a character, is held back until the next token settles it, so a
 * client never receives a part of either.
 */
final class OutputText {

    /** Where the text is: before a start delimiter could be told from text, inside the reasoning, in the answer. */
    enum Phase { UNDECIDED, REASONING, ANSWER }

    /** What is new since the last update. */
    record Delta(String reasoning, String answer) {
        boolean isEmpty() {
            return reasoning.isEmpty() && answer.isEmpty();
        }
    }

    private final String start;
    private final String end;
    private final boolean opened;
    private final List<String> stops;
    private Phase phase;
    private String reasoning = "";
    private String answer = "";
    private int reasoningSent;
    private int answerSent;
    private boolean stopped;

    /**
     * @param start  the start delimiter, null without chain of thought
     * @param opened the prompt ends inside the reasoning (its template wrote the start delimiter)
     */
    OutputText(String start, String end, boolean opened, List<String> stops) {
        this.start = start;
        this.end = end;
        this.opened = opened;
        this.stops = List.copyOf(stops);
        this.phase = start == null ? Phase.ANSWER : opened ? Phase.REASONING : Phase.UNDECIDED;
    }

    Phase phase() {
        return phase;
    }

    /** A stop string came: the generation ends. */
    boolean stopped() {
        return stopped;
    }

    String reasoning() {
        return reasoning;
    }

    String answer() {
        return answer;
    }

    /** The whole generated text so far; {@code last}: no more will come, so nothing is held back. */
    Delta update(String text, boolean last) {
        String reasoningNow = "";
        String answerNow;
        int reasoningHold = 0;
        if (start == null) {
            answerNow = text;
        } else {
            int from = -1;
            if (opened) {
                from = 0;
            } else {
                String lead = text.stripLeading();
                int offset = text.length() - lead.length();
                if (lead.startsWith(start)) {
                    from = offset + start.length();
                } else if (!last && start.startsWith(lead)) {
                    return new Delta("", ""); // could still be the start delimiter
                }
            }
            if (from < 0) {
                phase = Phase.ANSWER;
                answerNow = text;
            } else {
                int close = text.indexOf(end, from);
                if (close < 0) {
                    phase = Phase.REASONING;
                    reasoningNow = text.substring(from);
                    answerNow = "";
                    reasoningHold = last ? 0 : partial(reasoningNow, List.of(end));
                } else {
                    phase = Phase.ANSWER;
                    reasoningNow = text.substring(from, close);
                    answerNow = text.substring(close + end.length()).stripLeading();
                }
            }
        }
        for (String stop : stops) {
            int at = answerNow.indexOf(stop);
            if (at >= 0) {
                answerNow = answerNow.substring(0, at);
                stopped = true;
            }
        }
        int answerHold = last || stopped ? 0 : partial(answerNow, stops);
        reasoning = reasoningNow;
        answer = answerNow;
        String newReasoning = fresh(reasoningNow, reasoningHold, reasoningSent, last);
        reasoningSent += newReasoning.length();
        String newAnswer = fresh(answerNow, answerHold, answerSent, last || stopped);
        answerSent += newAnswer.length();
        return new Delta(newReasoning, newAnswer);
    }

    /** The text past what was sent, short of what is held back and of a trailing replacement character. */
    private static String fresh(String text, int hold, int sent, boolean last) {
        int until = text.length() - hold;
        if (!last && until > 0 && text.charAt(until - 1) == '\uFFFD') {
            until--; // half a UTF-8 character so far: the next token completes it
        }
        return until > sent ? text.substring(sent, until) : "";
    }

    /** The length of the longest end of the text that begins one of the strings (and is not all of it). */
    static int partial(String text, List<String> strings) {
        int longest = 0;
        for (String s : strings) {
            for (int n = Math.min(s.length() - 1, text.length()); n > longest; n--) {
                if (text.endsWith(s.substring(0, n))) {
                    longest = n;
                    break;
                }
            }
        }
        return longest;
    }
}
