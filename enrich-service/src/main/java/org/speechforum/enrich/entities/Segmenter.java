package org.speechforum.enrich.entities;

import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence splitting and tokenising with the Apache OpenNLP UD English Web Treebank models that ship on Maven
 * Central. The models are loaded once and shared (they are thread-safe); the detectors are not, so each thread
 * gets its own. Paragraph breaks (blank lines) and forum line breaks always end a sentence.
 */
public final class Segmenter {

    private static final String SENTENCE_MODEL = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
    private static final String TOKEN_MODEL = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";

    private final ThreadLocal<SentenceDetectorME> sentences;
    private final ThreadLocal<TokenizerME> tokens;

    public Segmenter() {
        SentenceModel sentenceModel = load(SENTENCE_MODEL, SentenceModel::new);
        TokenizerModel tokenModel = load(TOKEN_MODEL, TokenizerModel::new);
        sentences = ThreadLocal.withInitial(() -> new SentenceDetectorME(sentenceModel));
        tokens = ThreadLocal.withInitial(() -> new TokenizerME(tokenModel));
    }

    public AnalysedText analyse(String text, boolean forum) {
        // A typographic hyphen (U+2010, or the non-breaking U+2011 of "Timor‑Leste", "Ramos‑Horta") reads as "-": the
        // lists, rules and model know names with the ASCII one. Same length, so every offset stays the text's.
        if (text.indexOf('\u2011') >= 0 || text.indexOf('\u2010') >= 0) {
            text = text.replace('\u2011', '-').replace('\u2010', '-');
        }
        List<Span> sentenceSpans = new ArrayList<>();
        List<Span> tokenSpans = new ArrayList<>();
        int blockStart = 0;
        while (blockStart < text.length()) {
            int blockEnd = text.indexOf('\n', blockStart);
            if (blockEnd < 0) {
                blockEnd = text.length();
            }
            String block = text.substring(blockStart, blockEnd);
            if (!block.isBlank()) {
                for (Span s : sentences.get().sentPosDetect(block)) {
                    int sStart = blockStart + s.getStart();
                    sentenceSpans.add(new Span(sStart, blockStart + s.getEnd()));
                    for (Span t : tokens.get().tokenizePos(text.substring(sStart, blockStart + s.getEnd()))) {
                        tokenSpans.add(new Span(sStart + t.getStart(), sStart + t.getEnd()));
                    }
                }
            }
            blockStart = blockEnd + 1;
        }
        if (sentenceSpans.isEmpty()) {
            sentenceSpans.add(new Span(0, text.length()));
        }
        return new AnalysedText(text, sentenceSpans.toArray(Span[]::new), tokenSpans.toArray(Span[]::new), forum);
    }

    private interface ModelReader<T> {
        T read(InputStream in) throws IOException;
    }

    private static <T> T load(String resource, ModelReader<T> reader) {
        try (InputStream in = Segmenter.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OpenNLP model " + resource + " is not on the classpath");
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load OpenNLP model " + resource, e);
        }
    }
}
