package org.speechforum.ingest.activitypub;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * HTML (and Markdown) → clean text with jsoup: scripts, styles and embeds are dropped, paragraphs and line
 * breaks kept, links kept as {@code label (url)}, mentions and hashtags kept as their {@code @user@host} /
 * {@code #tag} label. The result is plain text: nothing of it is ever rendered as HTML downstream.
 */
public final class HtmlText {

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer MARKDOWN_HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private HtmlText() {
    }

    public static String fromHtml(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        org.jsoup.nodes.Document doc = Jsoup.parseBodyFragment(html);
        doc.select("script, style, noscript, template, iframe, object, embed, svg").remove();
        for (Element link : doc.select("a[href]")) {
            String label = link.text().strip();
            String href = link.attr("href").strip();
            boolean tagLike = label.startsWith("@") || label.startsWith("#") || link.hasClass("mention")
                    || link.hasClass("hashtag");
            String replacement;
            if (tagLike || href.isEmpty() || label.equals(href) || !(href.startsWith("http://")
                    || href.startsWith("https://"))) {
                replacement = label.isEmpty() ? href : label;
            } else {
                replacement = label.isEmpty() ? href : label + " (" + href + ")";
            }
            link.replaceWith(new TextNode(replacement));
        }
        for (Element br : doc.select("br")) {
            br.replaceWith(new TextNode("\n"));
        }
        for (Element block : doc.select("p, div, li, blockquote, pre, h1, h2, h3, h4, h5, h6, tr")) {
            block.appendChild(new TextNode("\n\n"));
        }
        String text = doc.body().wholeText();
        return text.replaceAll("[ \\t\\x0B\\f]+", " ")
                .replaceAll(" *\\n *", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    public static String fromMarkdown(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return fromHtml(MARKDOWN_HTML.render(MARKDOWN.parse(markdown)));
    }
}
