package dev.ingestor.cli;

import java.nio.file.Path;

import dev.ingestor.support.ChildDatabase;

/** The crash-safety scenarios on the machine's MariaDB/MySQL, in a database made for each test. */
class MySqlCrashSafetyProcessTests extends CrashSafetyScenarios {

	@Override
	ChildDatabase createDatabase(Path dir) {
		return ChildDatabase.mysql("crash");
	}

}
