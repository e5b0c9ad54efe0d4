package org.speechforum.ingest.uploads.thread;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/** Small helpers the recognisers share: indentation, body text, reply trees from indentation. */
public final class Lines {

    private Lines() {
    }

    /** Leading whitespace width, a tab counting as four spaces. */
    public static int indent(String line) {
        int width = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\u00A0') {
                width++;
            } else if (c == '\t') {
                width += 4;
            } else {
                break;
            }
        }
        return width;
    }

    /**
     * Lines {@code from..to} without the indentation they share, outer blank lines dropped, runs of blank
     * lines folded into one; lines equal (after stripping) to one of {@code chrome} are skipped.
     */
    public static String body(String[] lines, int from, int to, Set<String> chrome) {
        int common = Integer.MAX_VALUE;
        for (int i = from; i < to; i++) {
            if (!lines[i].isBlank()) {
                common = Math.min(common, leadingWhitespace(lines[i]));
            }
        }
        StringBuilder body = new StringBuilder();
        for (int i = from; i < to; i++) {
            String line = lines[i];
            if (!line.isBlank() && chrome.contains(line.strip())) {
                continue;
            }
            body.append(line.isBlank() ? "" : line.substring(common).stripTrailing()).append('\n');
        }
        return body.toString().strip().replaceAll("\\n{3,}", "\n\n");
    }

    private static int leadingWhitespace(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Parents from indentation: each comment replies to the nearest comment above it that is indented less;
     * {@code -1} when none is.
     */
    public static int[] parentsByIndent(List<Integer> indents) {
        int[] parents = new int[indents.size()];
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < indents.size(); i++) {
            while (!open.isEmpty() && indents.get(open.peek()) >= indents.get(i)) {
                open.pop();
            }
            parents[i] = open.isEmpty() ? -1 : open.peek();
            open.push(i);
        }
        return parents;
    }

    /**
     * Parents from a depth per comment (1 = top level), as Reddit's {@code level N} lines give it: each
     * comment replies to the last comment one level up.
     */
    public static int[] parentsByLevel(List<Integer> levels) {
        return parentsByIndent(levels);
    }
}
