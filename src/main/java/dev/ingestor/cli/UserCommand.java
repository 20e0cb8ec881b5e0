package dev.ingestor.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

import dev.ingestor.web.AppUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/ingest user}: console users, so that nobody writes a bcrypt hash into SQL by hand. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage the console's users.",
		subcommands = UserCommand.Add.class)
class UserCommand implements Callable<Integer> {

	/** A password shorter than this is refused: the console may face a network. */
	static final int MIN_PASSWORD_LENGTH = 8;

	@Override
	public Integer call() {
		System.err.println("user needs a subcommand: user add NAME --role user|admin --tenant T");
		return ExitCodes.USAGE;
	}

	@Command(name = "add", mixinStandardHelpOptions = true,
			description = "Create a console user. The password is read from the terminal (asked twice) or, "
					+ "without one, from the first line of standard input; never from an argument.")
	static class Add implements Callable<Integer> {

		@Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
		String name;

		@Option(names = "--role", required = true, paramLabel = "ROLE", description = "user or admin.")
		String role;

		@Option(names = "--tenant", defaultValue = "default", paramLabel = "T",
				description = "The tenant the user sees and uploads to (default: ${DEFAULT-VALUE}).")
		String tenant;

		@Override
		public Integer call() throws IOException {
			if (!AppUsers.ROLES.contains(this.role)) {
				System.err.println("--role must be one of " + AppUsers.ROLES);
				return ExitCodes.USAGE;
			}
			char[] password = password();
			if (password == null || password.length < MIN_PASSWORD_LENGTH) {
				System.err.println("a password of at least " + MIN_PASSWORD_LENGTH + " characters is needed");
				return ExitCodes.USAGE;
			}
			try (Application app = Application.start()) {
				app.bean(AppUsers.class).add(this.name, CharBuffer.wrap(password), this.tenant, this.role);
			}
			catch (IllegalArgumentException ex) {
				System.err.println(ex.getMessage());
				return ExitCodes.USAGE;
			}
			finally {
				Arrays.fill(password, '\0');
			}
			System.err.println("user " + this.name + " added: " + this.role + " of tenant " + this.tenant);
			return ExitCodes.OK;
		}

		private static char[] password() throws IOException {
			Console console = System.console();
			if (console != null) {
				char[] first = console.readPassword("password: ");
				char[] again = console.readPassword("password again: ");
				if (first == null || !Arrays.equals(first, again)) {
					System.err.println("the passwords differ");
					return null;
				}
				return first;
			}
			String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			return (line != null) ? line.toCharArray() : null;
		}

	}

}
