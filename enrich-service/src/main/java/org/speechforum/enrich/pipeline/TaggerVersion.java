package org.speechforum.enrich.pipeline;

import org.speechforum.contracts.DocumentIds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The name of the tagger that enriches documents, stored on each as {@code taggerVersion}: the build version of
 * enrich-service and the first 8 hex digits of a SHA-256 over everything else that decides which entities come out
 * (the tagger's configuration {@code enrich.entities.*}, the tagged languages, and the curated and GeoNames files
 * the gazetteer is built from). Any change to one of them gives a new version, which {@code bin/retag} is for.
 */
public record TaggerVersion(String value) {

    /** The gazetteer's data files, hashed by content. */
    public static final List<String> DATA = List.of("/entities/curated.yml", "/entities/geonames-places.tsv");

    /**
     * @param build  the build version ({@code 0.1.0-SNAPSHOT}), or null for a build without one (tests), then {@code dev}
     * @param config the settings that change the tagger's output, any order (sorted before hashing)
     */
    public static TaggerVersion of(String build, Map<String, ?> config, List<String> resources) {
        StringBuilder input = new StringBuilder();
        new TreeMap<>(config).forEach((k, v) -> input.append(k).append('=').append(v).append('\n'));
        for (String resource : resources) {
            input.append(resource).append('=').append(DocumentIds.sha256(read(resource))).append('\n');
        }
        String hash = DocumentIds.sha256(input.toString()).substring(0, 8);
        return new TaggerVersion((build == null || build.isBlank() ? "dev" : build) + "+" + hash);
    }

    private static String read(String resource) {
        try (InputStream in = TaggerVersion.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "";
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
