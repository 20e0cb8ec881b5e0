package dev.ingestor.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ingestor.report.Report;

/** The report as aligned plain-text tables for a terminal. */
final class ReportText {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private ReportText() {
	}

	static String render(Report report) {
		StringBuilder out = new StringBuilder("Queue\n");
		TextTable queue = new TextTable("status", ">count");
		for (Map.Entry<String, Long> entry : report.queue().entrySet()) {
			queue.row(entry.getKey(), entry.getValue());
		}
		out.append(queue.render("  "));
		out.append("\nRecent runs\n");
		if (report.runs().isEmpty()) {
			out.append("  none\n");
		}
		else {
			out.append(runs(report).render("  "));
			out.append("\nSteps\n").append(steps(report).render("  "));
		}
		out.append("\nRecent failures\n");
		if (report.recentFailures().isEmpty()) {
			out.append("  none\n");
		}
		else {
			TextTable failures = new TextTable(">item", "status", "ended", "storage path", "reason");
			for (Report.Failure failure : report.recentFailures()) {
				failures.row(failure.itemId(), failure.status(), time(failure.endedAt()), failure.storagePath(),
						failure.reason());
			}
			out.append(failures.render("  "));
		}
		return out.toString();
	}

	/** One run and every log row it wrote, for {@code report run <id>}. */
	static String render(Report.RunDetail detail) {
		Report single = new Report(Map.of(), List.of(detail.run()), List.of());
		StringBuilder out = new StringBuilder("Run ").append(detail.run().id()).append('\n');
		out.append(runs(single).render("  "));
		out.append("\nSteps\n").append(steps(single).render("  "));
		if (!detail.documents().isEmpty()) {
			out.append("\nDocuments\n").append(documents(detail).render("  "));
		}
		out.append("\nItem log\n");
		if (detail.log().isEmpty()) {
			out.append("  none\n");
			return out.toString();
		}
		TextTable log = new TextTable("time", ">item", "storage path", "level", "outcome", "message");
		for (Report.LogEntry entry : detail.log()) {
			log.row(time(entry.time()), entry.itemId(), entry.storagePath(), entry.level(), entry.outcome(),
					entry.message());
		}
		return out.append(log.render("  ")).toString();
	}

	private static TextTable runs(Report report) {
		TextTable runs = new TextTable(">id", "status", "started", ">duration", ">indexed", ">unchanged", ">failed",
				">download_failed", ">chunks", ">docs/min", "exit");
		for (Report.Run run : report.runs()) {
			String exit = run.exitCode() + (run.exitDescription().isBlank() ? "" : ": " + run.exitDescription());
			runs.row(run.id(), run.status(), time(run.startTime()), seconds(run.durationMillis()),
					run.outcomes().get("indexed"), run.outcomes().get("unchanged"), run.outcomes().get("failed"),
					run.outcomes().get("download_failed"), run.chunksWritten(),
					String.format(Locale.ROOT, "%.1f", run.docsPerMinute()), exit);
		}
		return runs;
	}

	private static TextTable documents(Report.RunDetail detail) {
		TextTable documents = new TextTable(">item", "storage path", ">pages", ">chunks", "title", "author", "language",
				"created");
		for (Report.DocumentInfo document : detail.documents()) {
			documents.row(document.itemId(), document.storagePath(), document.pages(), document.chunks(),
					orDash(document.title()), orDash(document.author()), orDash(document.language()),
					time(document.created()));
		}
		return documents;
	}

	private static String orDash(String value) {
		return (value != null) ? value : "-";
	}

	/** With a worker column only when a run was scaled out: which host/pid ran each partition. */
	private static TextTable steps(Report report) {
		boolean scaledOut = report.runs().stream().flatMap(run -> run.steps().stream()).anyMatch(step -> step.worker() != null);
		List<String> headers = new ArrayList<>(List.of(">run", "step", "status", ">read", ">write", ">filter", ">skip",
				">commits", ">rollbacks"));
		if (scaledOut) {
			headers.add("worker");
		}
		TextTable steps = new TextTable(headers.toArray(String[]::new));
		for (Report.Run run : report.runs()) {
			for (Report.Step step : run.steps()) {
				List<Object> cells = new ArrayList<>(List.of(run.id(), step.name(), step.status(), step.read(), step.write(),
						step.filter(), step.skip(), step.commits(), step.rollbacks()));
				if (scaledOut) {
					cells.add(orDash(step.worker()));
				}
				steps.row(cells.toArray());
			}
		}
		return steps;
	}

	private static String time(LocalDateTime time) {
		return (time != null) ? TIME.format(time) : "-";
	}

	private static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
	}

}
