package org.speechforum.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The arrows between a service's top-level packages, read from its main sources (import lines and fully qualified
 * names alike), for the tests that hold each service to "no arrow runs back up": the graph has no cycle, and no
 * package reaches up into the root package (the application class and its wiring).
 */
public final class PackageGraph {

    private final String root;
    /** package → the packages it refers to; "" is the root package. */
    private final Map<String, Set<String>> arrows = new TreeMap<>();
    private final Map<String, Set<String>> witnesses = new TreeMap<>();

    private PackageGraph(String root) {
        this.root = root;
    }

    /** Reads {@code sources} (a module's src/main/java) below {@code rootPackage}. */
    public static PackageGraph of(Path sources, String rootPackage) {
        PackageGraph graph = new PackageGraph(rootPackage);
        Path base = sources.resolve(rootPackage.replace('.', '/'));
        Pattern reference = Pattern.compile(Pattern.quote(rootPackage) + "\\.([a-z][a-z0-9]*\\.|[A-Z])");
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = base.relativize(file);
                String from = relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
                graph.arrows.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = reference.matcher(Files.readString(file));
                while (m.find()) {
                    String to = m.group(1).endsWith(".") ? m.group(1).substring(0, m.group(1).length() - 1) : "";
                    if (!to.equals(from)) {
                        graph.arrows.get(from).add(to);
                        graph.witnesses.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>()).add(relative.toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    public Map<String, Set<String>> arrows() {
        return arrows;
    }

    /**
     * Every arrow that runs back up: into the root package from below it, or along a cycle (each arrow of a cycle
     * is listed, with the files that draw it). Empty when the packages can be drawn as layers, each using only
     * those beneath it.
     */
    public List<String> backArrows() {
        List<String> back = new ArrayList<>();
        arrows.forEach((from, tos) -> {
            if (!from.isEmpty() && tos.contains("")) {
                back.add(name(from) + " -> " + name("") + " " + witnesses.get(from + " -> "));
            }
        });
        // The root's own arrows run down by definition; one reaching it from below is listed above.
        arrows.forEach((from, tos) -> tos.stream()
                .filter(to -> !from.isEmpty() && !to.isEmpty() && reaches(to, from, new TreeSet<>()))
                .forEach(to -> back.add(name(from) + " -> " + name(to) + " (a cycle) "
                        + witnesses.get(from + " -> " + to))));
        return back;
    }

    private boolean reaches(String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (from.isEmpty() || !seen.add(from)) {
            return false;
        }
        return arrows.getOrDefault(from, Set.of()).stream().anyMatch(next -> reaches(next, target, seen));
    }

    private String name(String pkg) {
        return pkg.isEmpty() ? root : root + "." + pkg;
    }
}
