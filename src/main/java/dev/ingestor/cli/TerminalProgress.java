package dev.ingestor.cli;

import dev.ingestor.report.Progress;
import dev.ingestor.report.ProgressDisplay;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.stereotype.Component;

/**
 * On a terminal, a run's progress is one line on stderr, redrawn in place as items move. The
 * line ends in a carriage return, so that a log line printed meanwhile overwrites it and the
 * next redraw appears below; the logs stay readable and the progress stays last.
 */
@Component
@Conditional(TerminalProgress.OnTerminal.class)
class TerminalProgress implements ProgressDisplay {

	/** Keeps the line within a common terminal width, so that it never wraps. */
	static final int WIDTH = 120;

	private static final String CLEAR_LINE = "\r\u001b[K";

	@Override
	public void update(Progress.Snapshot progress) {
		System.err.print(CLEAR_LINE + line(progress) + "\r");
		System.err.flush();
	}

	@Override
	public void finish(Progress.Snapshot progress) {
		System.err.println(CLEAR_LINE + line(progress));
	}

	static String line(Progress.Snapshot progress) {
		int percent = (progress.total() > 0) ? (int) (100 * progress.done() / progress.total()) : 100;
		String text = "[" + percent + "%] " + progress.describe();
		return (text.length() <= WIDTH) ? text : text.substring(0, WIDTH - 1) + "…";
	}

	/** Only when the JVM talks to an interactive terminal (not cron, not a pipe, not a test). */
	static class OnTerminal implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return System.console() != null;
		}

	}

}
