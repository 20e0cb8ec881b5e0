package dev.ingestor.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * Who holds the run lock, as written in {@code shedlock.locked_by}: host, pid and the process's
 * start time. On the same host a contender can tell at once whether that process still lives; the
 * start time tells a reused pid from the holder.
 *
 * @param host the holder's host name
 * @param pid the holder's process id
 * @param startMillis when the holder's process started, epoch milliseconds (0 when unknown)
 */
record LockHolder(String host, long pid, long startMillis) {

	private static final String SEPARATOR = "/";

	/** This process. */
	static LockHolder current() {
		ProcessHandle self = ProcessHandle.current();
		return new LockHolder(hostName(), self.pid(), startMillis(self));
	}

	/** Parses {@code host/pid/start}; empty for anything else (an older version's {@code pid@host}). */
	static Optional<LockHolder> parse(String lockedBy) {
		if (lockedBy == null) {
			return Optional.empty();
		}
		String[] parts = lockedBy.split(SEPARATOR);
		if (parts.length != 3) {
			return Optional.empty();
		}
		try {
			return Optional.of(new LockHolder(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * True only when this holder provably is gone: it ran on this host and no process with its pid
	 * and start time lives. A holder on another host is never declared dead; its lease lapses.
	 */
	boolean isDeadOn(String thisHost) {
		if (!this.host.equals(thisHost)) {
			return false;
		}
		Optional<ProcessHandle> process = ProcessHandle.of(this.pid);
		if (process.isEmpty() || !process.get().isAlive()) {
			return true;
		}
		long started = startMillis(process.get());
		return this.startMillis != 0 && started != 0 && started != this.startMillis;
	}

	@Override
	public String toString() {
		return this.host + SEPARATOR + this.pid + SEPARATOR + this.startMillis;
	}

	static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			// No resolvable name: the kernel's own still tells hosts apart.
			String fallback = System.getenv("HOSTNAME");
			return (fallback != null && !fallback.isBlank()) ? fallback : "unknown-host";
		}
	}

	private static long startMillis(ProcessHandle process) {
		return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
	}

}
