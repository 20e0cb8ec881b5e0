package dev.ingestor.cli;

import java.util.concurrent.Callable;

import dev.ingestor.report.Report;
import dev.ingestor.report.ReportService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code bin/ingest report}: queue counts, recent runs with their counters, recent failures. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Show what ran, what failed and why.")
class ReportCommand implements Callable<Integer> {

	@Option(names = "--json", description = "Print the report as JSON; 'queue' maps every status to its count.")
	boolean json;

	@Option(names = "--runs", defaultValue = "10", description = "How many recent runs to show (default: ${DEFAULT-VALUE}).")
	int runs;

	@Option(names = "--failures", defaultValue = "20",
			description = "How many recent failures to show (default: ${DEFAULT-VALUE}).")
	int failures;

	@Override
	public Integer call() {
		try (Application app = Application.start()) {
			Report report = app.bean(ReportService.class).report(this.runs, this.failures);
			System.out.println(this.json ? toJson(report) : ReportText.render(report));
		}
		return ExitCodes.OK;
	}

	static String toJson(Report report) {
		return JsonMapper.builder()
			.enable(SerializationFeature.INDENT_OUTPUT)
			.build()
			.writeValueAsString(report);
	}

}
