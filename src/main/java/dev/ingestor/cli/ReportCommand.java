package dev.ingestor.cli;

import java.util.Optional;
import java.util.concurrent.Callable;

import dev.ingestor.report.Report;
import dev.ingestor.report.ReportService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code bin/ingest report}: queue counts, recent runs with their counters, recent failures. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Show what ran, what failed and why.",
		subcommands = ReportCommand.RunDetailCommand.class)
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

	static String toJson(Object report) {
		return JsonMapper.builder()
			.enable(SerializationFeature.INDENT_OUTPUT)
			.build()
			.writeValueAsString(report);
	}

	/** {@code bin/ingest report run <id>}: one run's counters and its item-level log. */
	@Command(name = "run", mixinStandardHelpOptions = true,
			description = "Drill into one run: its step counters and every item log row it wrote.")
	static class RunDetailCommand implements Callable<Integer> {

		@Parameters(paramLabel = "ID", description = "Job execution id, as listed by 'report'.")
		long id;

		@Option(names = "--json", description = "Print the run as JSON: {run, log}.")
		boolean json;

		@Override
		public Integer call() {
			try (Application app = Application.start()) {
				Optional<Report.RunDetail> detail = app.bean(ReportService.class).runDetail(this.id);
				if (detail.isEmpty()) {
					System.err.println("no ingest run with job execution id " + this.id);
					return ExitCodes.USAGE;
				}
				System.out.println(this.json ? toJson(detail.get()) : ReportText.render(detail.get()));
			}
			return ExitCodes.OK;
		}

	}

}
