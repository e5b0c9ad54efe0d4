package org.speechforum.esnode;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.PreBuiltAnalyzerProviderFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.indices.analysis.PreBuiltCacheFactory.CachingStrategy;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The language analysers query-service maps non-English text with ({@code german}, {@code french},
 * {@code spanish}, {@code italian}, {@code portuguese}, {@code dutch}, {@code russian}), from the Lucene analysers
 * the real {@code analysis-common} module builds them from, under the same names and with the same options
 * ({@code stopwords}, {@code stopwords_path}, {@code stem_exclusion}), so one index template works against both
 * this node and a real cluster. English is {@link EnglishAnalysisPlugin}'s.
 */
public final class LanguageAnalysisPlugin extends Plugin implements AnalysisPlugin {

    private record Language(Supplier<CharArraySet> defaultStopwords,
                            BiFunction<CharArraySet, CharArraySet, Analyzer> create) {
    }

    private static final Map<String, Language> LANGUAGES = languages();

    private static Map<String, Language> languages() {
        Map<String, Language> m = new LinkedHashMap<>();
        m.put("german", new Language(GermanAnalyzer::getDefaultStopSet, GermanAnalyzer::new));
        m.put("french", new Language(FrenchAnalyzer::getDefaultStopSet, FrenchAnalyzer::new));
        m.put("spanish", new Language(SpanishAnalyzer::getDefaultStopSet, SpanishAnalyzer::new));
        m.put("italian", new Language(ItalianAnalyzer::getDefaultStopSet, ItalianAnalyzer::new));
        m.put("portuguese", new Language(PortugueseAnalyzer::getDefaultStopSet, PortugueseAnalyzer::new));
        m.put("dutch", new Language(DutchAnalyzer::getDefaultStopSet, DutchAnalyzer::new));
        m.put("russian", new Language(RussianAnalyzer::getDefaultStopSet, RussianAnalyzer::new));
        return m;
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> out = new LinkedHashMap<>();
        LANGUAGES.forEach((name, language) -> out.put(name, (indexSettings, environment, n, settings) ->
                new Provider(n, language, environment, settings)));
        return out;
    }

    @Override
    public List<PreBuiltAnalyzerProviderFactory> getPreBuiltAnalyzerProviderFactories() {
        List<PreBuiltAnalyzerProviderFactory> out = new ArrayList<>();
        LANGUAGES.forEach((name, language) -> out.add(new PreBuiltAnalyzerProviderFactory(name, CachingStrategy.LUCENE,
                () -> language.create().apply(language.defaultStopwords().get(), CharArraySet.EMPTY_SET))));
        return out;
    }

    private static final class Provider extends AbstractIndexAnalyzerProvider<Analyzer> {
        private final Analyzer analyzer;

        Provider(String name, Language language, Environment environment, Settings settings) {
            super(name);
            analyzer = language.create().apply(
                Analysis.parseStopWords(environment, settings, language.defaultStopwords().get()),
                Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET)
            );
        }

        @Override
        public Analyzer get() {
            return analyzer;
        }
    }

}
