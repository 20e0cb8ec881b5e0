package dev.ingestor.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

import org.springframework.stereotype.Component;

/** HTML as its visible text: scripts, styles and markup dropped, block elements kept as lines. */
@Component
class HtmlExtractor implements DocumentExtractor {

	@Override
	public Set<String> extensions() {
		return Set.of("html", "htm", "xhtml");
	}

	@Override
	public ExtractedDocument extract(long itemId, Path file, ExtractionBudget budget) throws IOException {
		Document document = Jsoup.parse(file.toFile(), null);
		document.select("script, style, noscript, template, head").remove();
		StringBuilder text = new StringBuilder();
		document.body().traverse(new NodeVisitor() {
			@Override
			public void head(Node node, int depth) {
				if (node instanceof TextNode textNode) {
					text.append(textNode.text());
				}
				else if (node instanceof Element element && element.isBlock() && !text.isEmpty()) {
					text.append('\n');
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element element && element.isBlock()) {
					text.append('\n');
				}
			}
		});
		String content = text.toString();
		budget.addPage(content);
		return new ExtractedDocument("html", List.of(new Page(1, content)));
	}

}
