package org.speechforum.enrich.languages;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The language of a text, by lingua (n-gram models, offline), restricted to the configured languages so that only
 * their models are loaded. Plain Java, thread-safe once built.
 */
public final class LanguageDetection {

    /** A detected language: ISO 639-1 code and lingua's confidence (0 to 1; the confidences of all languages add up to 1). */
    public record Detected(String language, double confidence) {
    }

    /** The built detector and how long building it took. */
    private record Loaded(LanguageDetector detector, long millis) {
    }

    private final CompletableFuture<Loaded> loading;
    private final double minimumConfidence;
    private final int sampleChars;
    private final int minimumLetters;
    private final List<String> languages;

    private LanguageDetection(CompletableFuture<Loaded> loading, List<String> languages, double minimumConfidence,
                              int sampleChars, int minimumLetters) {
        this.minimumLetters = minimumLetters;
        this.loading = loading;
        this.languages = languages;
        this.minimumConfidence = minimumConfidence;
        this.sampleChars = sampleChars;
    }

    /** Loads the models of {@code properties.detect()} now (not on the first document), and returns when done. */
    public static LanguageDetection create(LanguageProperties properties) {
        return loading(properties).awaitLoaded();
    }

    /**
     * Checks the settings now and loads the models on a thread of their own, returning at once: enrich-service loads
     * the entity models meanwhile, instead of one after the other (lingua takes 4 s or more of start-up alone).
     * {@link #detect} waits for the models; {@link #awaitLoaded()} waits and rethrows a failure.
     */
    public static LanguageDetection loading(LanguageProperties properties) {
        if (!properties.enabled()) {
            return none();
        }
        Language[] languages = properties.detect().stream().map(LanguageDetection::language).toArray(Language[]::new);
        if (languages.length < 2) {
            throw new IllegalArgumentException("enrich.languages.detect needs at least two languages to choose among, got "
                    + properties.detect());
        }
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(languages).withPreloadedLanguageModels();
        if (properties.lowAccuracy()) {
            builder = builder.withLowAccuracyMode();
        }
        LanguageDetectorBuilder configured = builder;
        CompletableFuture<Loaded> loading = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            LanguageDetector detector = configured.build();
            return new Loaded(detector, (System.nanoTime() - t0) / 1_000_000);
        }, r -> Thread.ofPlatform().name("lingua-load").daemon(true).start(r));
        return new LanguageDetection(loading, java.util.Arrays.stream(languages).map(LanguageDetection::code).toList(),
                properties.minimumConfidence(), properties.sampleChars(), properties.minimumLetters());
    }

    /** Detects nothing: every document keeps the language its source declared. */
    public static LanguageDetection none() {
        return new LanguageDetection(null, List.of(), 1, 0, 0);
    }

    public boolean enabled() {
        return loading != null;
    }

    /** Waits until the models are loaded; a failure to load them is thrown here. */
    public LanguageDetection awaitLoaded() {
        detector();
        return this;
    }

    /** How long loading the models took, for the start-up log (waits for them). */
    public long loadMillis() {
        return loading == null ? 0 : join().millis();
    }

    private LanguageDetector detector() {
        return loading == null ? null : join().detector();
    }

    private Loaded join() {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * The language of {@code text}, or null when the detector is off, the text has fewer letters than the minimum, or
     * the best language's confidence is below the minimum (mixed texts).
     */
    public Detected detect(String text) {
        LanguageDetector detector = detector();
        if (detector == null || text == null || text.isBlank()) {
            return null;
        }
        String sample = text.length() <= sampleChars ? text : text.substring(0, cut(text, sampleChars));
        if (sample.codePoints().filter(Character::isLetter).limit(minimumLetters).count() < minimumLetters) {
            return null;
        }
        SortedMap<Language, Double> confidences = detector.computeLanguageConfidenceValues(sample);
        Map.Entry<Language, Double> best = null;
        for (Map.Entry<Language, Double> e : confidences.entrySet()) {
            if (best == null || e.getValue() > best.getValue()) {
                best = e;
            }
        }
        if (best == null || best.getKey() == Language.UNKNOWN || best.getValue() < minimumConfidence) {
            return null;
        }
        return new Detected(code(best.getKey()), Math.round(best.getValue() * 1000) / 1000.0);
    }

    /** ISO 639-1 of a lingua language, lower case ({@code de}). */
    static String code(Language language) {
        return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    /** The lingua language of an ISO 639-1 code; an unknown code is a configuration error. */
    static Language language(String code) {
        try {
            return Language.getByIsoCode639_1(IsoCode639_1.valueOf(code.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("enrich.languages: '" + code + "' is not an ISO 639-1 code lingua knows"
                    + " (two letters, e.g. de)", e);
        }
    }

    /** A declared language tag ({@code de-AT}, {@code EN}, {@code und}) as ISO 639-1, or null when it is none. */
    public static String normalise(String declared) {
        if (declared == null) {
            return null;
        }
        String primary = declared.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return primary.length() == 2 && primary.chars().allMatch(c -> c >= 'a' && c <= 'z') ? primary : null;
    }

    /** Cuts at a word boundary before {@code max}, so the sample does not end in half a word. */
    private static int cut(String text, int max) {
        for (int i = max; i > max / 2; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return max;
    }

    /** The languages this detector chooses among, for the start-up log. */
    public List<String> languages() {
        return languages;
    }
}
