package org.speechforum.nlp4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-token tags ({@code U-PERSON}, {@code B-ORG I-ORG L-ORG}, {@code O}; BIO and BIOES are read too) into
 * token spans. A span left open by a broken sequence (an I- or L- without its B-, or a label change) is closed at
 * the last token that carried its label, so no tagged token is lost.
 */
public final class Bilou {

    private Bilou() {
    }

    public static List<TokenSpan> spans(String[] tags) {
        List<TokenSpan> out = new ArrayList<>();
        int open = -1;
        String openLabel = null;
        for (int i = 0; i < tags.length; i++) {
            String tag = tags[i];
            char prefix = tag != null && tag.length() > 2 && tag.charAt(1) == '-' ? tag.charAt(0) : 'O';
            String label = prefix == 'O' ? null : tag.substring(2);
            boolean continues = (prefix == 'I' || prefix == 'L' || prefix == 'E') && label.equals(openLabel);
            if (open >= 0 && !continues) {
                out.add(new TokenSpan(open, i - 1, openLabel));
                open = -1;
                openLabel = null;
            }
            switch (prefix) {
                case 'U', 'S' -> out.add(new TokenSpan(i, i, label));
                case 'B', 'I' -> {
                    if (open < 0) {
                        open = i;
                        openLabel = label;
                    }
                }
                case 'L', 'E' -> {
                    out.add(new TokenSpan(open >= 0 ? open : i, i, label));
                    open = -1;
                    openLabel = null;
                }
                default -> {
                }
            }
        }
        if (open >= 0) {
            out.add(new TokenSpan(open, tags.length - 1, openLabel));
        }
        return out;
    }
}
