package dev.ingestor.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every way a {@code storage_path} could try to leave storage, against a real directory tree
 * with real symlinks: each is refused with a reason, and paths that stay inside are allowed.
 */
class StorageResolverTraversalTests {

	private static final String OUTSIDE = "outside storage";

	@TempDir
	static Path root;

	static Path storage;

	@BeforeAll
	static void layout() throws IOException {
		storage = Files.createDirectories(root.resolve("storage"));
		Files.createDirectories(storage.resolve("real/inner"));
		Files.writeString(storage.resolve("real/inner/doc.txt"), "inside");
		Files.createDirectories(storage.resolve("..hidden"));
		Files.writeString(storage.resolve("..hidden/f.txt"), "dots are part of the name");
		Files.createSymbolicLink(storage.resolve("alias"), storage.resolve("real"));
		Path evil = Files.createDirectories(root.resolve("storage-evil"));
		Files.writeString(evil.resolve("secret.txt"), "sibling prefix");
		Path outside = Files.createDirectories(root.resolve("outside"));
		Files.writeString(outside.resolve("secret.txt"), "outside");
		Files.createSymbolicLink(storage.resolve("link-out.txt"), outside.resolve("secret.txt"));
		Files.createSymbolicLink(storage.resolve("dir-out"), outside);
		Files.createSymbolicLink(storage.resolve("link-to-evil"), evil);
		Files.createSymbolicLink(storage.resolve("relative-out.txt"), Path.of("../outside/secret.txt"));
		Files.createSymbolicLink(storage.resolve("dangling.txt"), root.resolve("nowhere/secret.txt"));
	}

	static Stream<Arguments> refused() {
		return Stream.of(
				arguments("../x", OUTSIDE),
				arguments("a/../../x", OUTSIDE),
				arguments("a/..", OUTSIDE),
				arguments("./../x", OUTSIDE),
				arguments("real/inner/../../../x", OUTSIDE),
				arguments("..\\x", OUTSIDE),
				arguments("real\\..\\..\\x", OUTSIDE),
				arguments("/etc/passwd", OUTSIDE),
				arguments("/", OUTSIDE),
				arguments("C:\\x", OUTSIDE),
				arguments("C:/Windows/win.ini", OUTSIDE),
				arguments("\\x", OUTSIDE),
				arguments("\\\\server\\share\\x", OUTSIDE),
				arguments("a\u0000b", OUTSIDE),
				arguments("real/inner/doc.txt\u0000.pdf", OUTSIDE),
				arguments("~/x", OUTSIDE),
				arguments("../storage-evil/secret.txt", OUTSIDE),
				arguments("link-to-evil/secret.txt", OUTSIDE),
				arguments("link-out.txt", OUTSIDE),
				arguments("relative-out.txt", OUTSIDE),
				arguments("dir-out/secret.txt", OUTSIDE),
				arguments("x".repeat(2000), "too long"),
				arguments("", "empty"),
				arguments("   ", "empty"),
				arguments("%2e%2e/x", "file not found"),
				arguments("..%2fstorage-evil%2fsecret.txt", "file not found"),
				arguments("dangling.txt", "link is broken"),
				arguments("real/inner", "not a regular file"),
				arguments("alias", "not a regular file"));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("refused")
	void refusedWithItsReason(String storagePath, String reason) {
		StorageResolver resolver = new StorageResolver(storage);

		assertThatExceptionOfType(SourceUnavailableException.class).isThrownBy(() -> resolver.resolve(7, storagePath))
			.withMessageContaining(reason)
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("\0"));
	}

	static Stream<Arguments> allowed() {
		return Stream.of(
				arguments("real/inner/doc.txt", "real/inner/doc.txt"),
				arguments("real/./inner/doc.txt", "real/inner/doc.txt"),
				arguments("real//inner/doc.txt", "real/inner/doc.txt"),
				arguments("alias/inner/doc.txt", "real/inner/doc.txt"),
				arguments("..hidden/f.txt", "..hidden/f.txt"));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("allowed")
	void allowedInsideStorageIncludingThroughAnInsideSymlink(String storagePath, String realUnderStorage)
			throws IOException {
		try (SourceFile file = new StorageResolver(storage).resolve(7, storagePath)) {
			assertThat(file.origin()).isEqualTo(storage.toRealPath().resolve(realUnderStorage));
			assertThat(file.path()).hasSameBinaryContentAs(file.origin());
			assertThat(file.size()).isEqualTo(Files.size(file.path()));
			assertThat(file.contentHash()).hasSize(64);
		}
	}

	@Test
	void storageConfiguredThroughASymlinkStillServesItsFilesAndRefusesTheOutside() throws IOException {
		Path linkedStorage = Files.createSymbolicLink(root.resolve("storage-link"), storage);
		StorageResolver resolver = new StorageResolver(linkedStorage);

		try (SourceFile file = resolver.resolve(7, "real/inner/doc.txt")) {
			assertThat(file.origin()).isEqualTo(storage.toRealPath().resolve("real/inner/doc.txt"));
		}
		assertThatExceptionOfType(SourceUnavailableException.class)
			.isThrownBy(() -> resolver.resolve(7, "link-out.txt"))
			.withMessageContaining(OUTSIDE);
	}

}
