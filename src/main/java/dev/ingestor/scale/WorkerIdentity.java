package dev.ingestor.scale;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** {@code host/pid}: which worker ran a partition, as the report shows it. */
final class WorkerIdentity {

	private WorkerIdentity() {
	}

	static String current() {
		return hostName() + "/" + ProcessHandle.current().pid();
	}

	private static String hostName() {
		String env = System.getenv("HOSTNAME");
		if (env != null && !env.isBlank()) {
			return env;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

}
