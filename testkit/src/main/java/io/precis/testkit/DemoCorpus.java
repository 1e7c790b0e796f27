package io.precis.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the sample corpus that {@code precis demo} summarizes out of the classpath into a
 * directory.
 *
 * <p>The corpus is about 20 short documents of a fictional logistics company, in several formats,
 * with exact, near and cross-format duplicates on purpose; its {@code README.md} lists them. The
 * files live under {@value #RESOURCE_ROOT} and are named in {@code index.txt}, because a resource
 * folder cannot be listed from inside a jar.
 */
public final class DemoCorpus {

  /** The classpath folder holding the corpus, its {@code index.txt} and its {@code README.md}. */
  public static final String RESOURCE_ROOT = "/io/precis/testkit/demo-corpus/";

  private static final String INDEX = RESOURCE_ROOT + "index.txt";

  private DemoCorpus() {}

  /**
   * The corpus files as relative paths with {@code /} separators (e.g. {@code
   * hr/onboarding-guide.pdf}), in index order.
   *
   * @throws IllegalStateException if the index is missing from the classpath
   * @throws UncheckedIOException if the index cannot be read
   */
  public static List<String> files() {
    try (InputStream in = DemoCorpus.class.getResourceAsStream(INDEX)) {
      if (in == null) {
        throw new IllegalStateException(
            "The demo corpus index "
                + INDEX
                + " is not on the classpath. Put precis-testkit on the classpath.");
      }
      List<String> files = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String entry = line.strip();
        if (!entry.isEmpty() && !entry.startsWith("#")) {
          files.add(entry);
        }
      }
      return List.copyOf(files);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the demo corpus index " + INDEX, e);
    }
  }

  /**
   * Copies every corpus file into {@code directory}, keeping its subfolders and overwriting files
   * already there. Creates the directory and subfolders as needed.
   *
   * @return the written files, in index order
   * @throws IllegalStateException if an index entry has no resource behind it, or points outside
   *     the directory
   * @throws UncheckedIOException if a file cannot be read or written; the message names it
   */
  public static List<Path> extractTo(Path directory) {
    requireNonNull(directory, "directory is null");
    Path root = directory.toAbsolutePath().normalize();
    List<Path> written = new ArrayList<>();
    for (String file : files()) {
      Path target = root.resolve(file).normalize();
      if (!target.startsWith(root) || target.equals(root)) {
        throw new IllegalStateException(
            "Demo corpus index entry '" + file + "' does not name a file inside the corpus.");
      }
      try (InputStream in = DemoCorpus.class.getResourceAsStream(RESOURCE_ROOT + file)) {
        if (in == null) {
          throw new IllegalStateException(
              "Demo corpus index lists '"
                  + file
                  + "' but there is no resource "
                  + RESOURCE_ROOT
                  + file
                  + ". Add the file or remove it from index.txt.");
        }
        Files.createDirectories(target.getParent());
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot extract demo corpus file '" + file + "' to " + target, e);
      }
      written.add(directory.resolve(file));
    }
    return List.copyOf(written);
  }
}
