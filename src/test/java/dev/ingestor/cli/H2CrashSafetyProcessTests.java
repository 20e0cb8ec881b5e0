package dev.ingestor.cli;

import java.nio.file.Path;

import dev.ingestor.support.ChildDatabase;

/** The crash-safety scenarios on the embedded default: an H2 file that the child process owns. */
class H2CrashSafetyProcessTests extends CrashSafetyScenarios {

	@Override
	ChildDatabase createDatabase(Path dir) {
		return ChildDatabase.h2File(dir);
	}

}
