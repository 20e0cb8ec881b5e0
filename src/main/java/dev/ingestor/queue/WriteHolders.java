package dev.ingestor.queue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files that some process on this machine has open for writing, read from Linux's
 * {@code /proc/<pid>/fd} and {@code fdinfo} (flags with {@code O_WRONLY} or {@code O_RDWR}).
 * Processes we may not inspect, and writers on other machines (NFS), are not seen: those must
 * use the rename convention. Elsewhere than Linux the set is empty.
 */
final class WriteHolders {

	private static final Path PROC = Path.of("/proc");

	private static final Pattern FLAGS = Pattern.compile("(?m)^flags:\\s*([0-7]+)");

	/** O_ACCMODE: the low two bits say read-only (0), write-only (1) or read-write (2). */
	private static final int ACCESS_MODE = 3;

	private WriteHolders() {
	}

	/** Real paths, among {@code candidates}, that are open for writing now. */
	static Set<Path> among(Set<Path> candidates) {
		Set<Path> held = new HashSet<>();
		if (candidates.isEmpty() || !Files.isDirectory(PROC)) {
			return held;
		}
		try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, "[0-9]*")) {
			for (Path pid : pids) {
				scan(pid, candidates, held);
			}
		}
		catch (IOException ex) {
			// /proc itself unreadable: nothing can be seen, as on another platform.
			return held;
		}
		return held;
	}

	private static void scan(Path pid, Set<Path> candidates, Set<Path> held) {
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
			for (Path fd : fds) {
				Path target = Files.readSymbolicLink(fd);
				if (candidates.contains(target) && writable(pid.resolve("fdinfo").resolve(fd.getFileName()))) {
					held.add(target);
				}
			}
		}
		catch (IOException ex) {
			// A process that ended meanwhile, or one we may not inspect: nothing to learn from it.
		}
	}

	private static boolean writable(Path fdinfo) throws IOException {
		Matcher flags = FLAGS.matcher(Files.readString(fdinfo));
		return flags.find() && (Integer.parseInt(flags.group(1), 8) & ACCESS_MODE) != 0;
	}

}
