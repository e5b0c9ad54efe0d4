package org.speechforum.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The one table {@code bin/bench} prints: a row per measure with its ratio to the reference, notes, the machine. */
final class Report {

    private final List<String[]> table = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    void note(String note) {
        notes.add(note);
    }

    void add(String part, String what, String value, String ratio) {
        table.add(new String[] {part, what, value, ratio});
        System.out.println("  " + what + ": " + value + (ratio.isEmpty() ? "" : " (ratio " + ratio + ")"));
    }

    void print(double seconds, Path work) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%n# Benchmark results, %s, %d cores, %.0f GB RAM, JDK %s (%s)%n%n", LocalDate.now(),
                rt.availableProcessors(), totalRamGb(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
        int[] w = {12, 10, 10, 6};
        for (String[] row : table) {
            for (int i = 0; i < 4; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        String fmt = "| %-" + w[0] + "s | %-" + w[1] + "s | %-" + w[2] + "s | %-" + w[3] + "s |%n";
        System.out.printf(fmt, "part", "measure", "result", "ratio");
        System.out.printf(fmt, "-".repeat(w[0]), "-".repeat(w[1]), "-".repeat(w[2]), "-".repeat(w[3]));
        for (String[] row : table) {
            System.out.printf(fmt, (Object[]) row);
        }
        notes.forEach(n -> System.out.println("note: " + n));
        System.out.printf(Locale.ROOT, "%nWall time: %.1f s (logs under %s)%n", seconds, work);
    }

    private static double totalRamGb() {
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).getFirst();
            return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    static String ratio(double value, double reference) {
        return String.format(Locale.ROOT, "%.2f", value / reference);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
