package dev.ingestor.cli;

import java.util.Map;

import dev.ingestor.report.Report;

/** The report as aligned plain-text tables for a terminal. */
final class ReportText {

	private ReportText() {
	}

	static String render(Report report) {
		StringBuilder out = new StringBuilder();
		out.append("Queue\n");
		for (Map.Entry<String, Long> entry : report.queue().entrySet()) {
			out.append(String.format("  %-16s %8d%n", entry.getKey(), entry.getValue()));
		}
		out.append("\nRecent runs\n");
		out.append(String.format("  %-6s %-10s %-19s %9s %7s %7s %7s %7s %7s %7s %8s %9s%n", "id", "status", "started",
				"duration", "indexed", "unchgd", "failed", "dl_fail", "chunks", "skips", "docs/min", "r/w/f"));
		for (Report.Run run : report.runs()) {
			Report.Step ingest = run.steps().stream().filter(s -> s.name().equals("ingestQueuedItems")).findFirst()
				.orElse(new Report.Step("", "", 0, 0, 0, 0, 0, 0));
			out.append(String.format("  %-6d %-10s %-19s %8.1fs %7d %7d %7d %7d %7d %7d %8.1f %9s%n", run.id(),
					run.status(), (run.startTime() != null) ? run.startTime().toString().replace('T', ' ').substring(0, 19) : "-",
					run.durationMillis() / 1000.0, run.outcomes().get("indexed"), run.outcomes().get("unchanged"),
					run.outcomes().get("failed"), run.outcomes().get("download_failed"), run.chunksWritten(),
					ingest.skip(), run.docsPerMinute(), ingest.read() + "/" + ingest.write() + "/" + ingest.filter()));
			if (!run.exitDescription().isBlank()) {
				out.append("         exit: ").append(run.exitDescription()).append('\n');
			}
		}
		out.append("\nRecent failures\n");
		if (report.recentFailures().isEmpty()) {
			out.append("  none\n");
		}
		for (Report.Failure failure : report.recentFailures()) {
			out.append(String.format("  #%-6d %-16s %s%n           %s%n", failure.itemId(), failure.status(),
					failure.storagePath(), failure.reason()));
		}
		return out.toString();
	}

}
