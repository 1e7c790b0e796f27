package io.precis.chunking.source;

import io.precis.core.config.SourceSettings;
import io.precis.core.errors.Errors;
import io.precis.core.model.DocumentRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Files and folders on a local (or mounted) file system. Folders are walked recursively; hidden
 * files and folders (name starting with a dot) below an input are skipped. A file's version is its
 * size and modification time.
 *
 * <p>The include and exclude globs of {@link SourceSettings} ({@code source.include-globs}, {@code
 * source.exclude-globs}) are java.nio {@link java.nio.file.PathMatcher} "glob:" patterns, matched
 * against each file's path relative to its input folder with "/" separators; for an input that is a
 * single file, against its file name. No include globs take every file; an exclude glob wins over
 * an include glob. For example, for an input folder holding {@code a.pdf}, {@code reports/b.pdf}
 * and {@code archive/2019/c.pdf}:
 *
 * <ul>
 *   <li>{@code "**.pdf"} matches PDFs at any depth (all three: {@code **} crosses folders);
 *   <li>{@code "*.pdf"} matches PDFs at the top only ({@code a.pdf});
 *   <li>{@code "archive/**"} matches the subtree {@code archive/} (as an exclude glob: drop it).
 * </ul>
 */
public final class LocalDocumentSource implements DocumentSource {
  private static final long serialVersionUID = 2L;

  private final List<String> inputs;
  private final List<String> includeGlobs;
  private final List<String> excludeGlobs;

  /** Every non-hidden file under the inputs, with no glob filters. */
  public LocalDocumentSource(List<Path> inputs) {
    this(inputs, List.of(), List.of());
  }

  /**
   * The files under the inputs that the settings' globs take.
   *
   * @throws io.precis.core.errors.PrecisException when a glob is not valid
   */
  public LocalDocumentSource(List<Path> inputs, SourceSettings settings) {
    this(
        inputs,
        Objects.requireNonNull(settings, "settings is null").includeGlobs(),
        settings.excludeGlobs());
    filter(); // fail on a bad glob now, not when listing
  }

  private LocalDocumentSource(
      List<Path> inputs, List<String> includeGlobs, List<String> excludeGlobs) {
    Objects.requireNonNull(inputs, "inputs is null");
    this.inputs =
        inputs.stream().map(path -> path.toAbsolutePath().normalize().toString()).toList();
    this.includeGlobs = List.copyOf(includeGlobs);
    this.excludeGlobs = List.copyOf(excludeGlobs);
  }

  @Override
  public List<DocumentRef> list() {
    if (inputs.isEmpty()) {
      throw Errors.noInput();
    }
    DocumentFilter filter = filter();
    List<DocumentRef> documents = new ArrayList<>();
    for (String input : inputs) {
      Path root = Path.of(input);
      if (!Files.exists(root)) {
        throw Errors.missingInput(root);
      }
      if (!Files.isDirectory(root)) {
        if (filter.matches(root.getFileName().toString())) {
          documents.add(reference(root));
        }
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        files
            .filter(file -> filter.accepts(relativePath(root, file)))
            .filter(Files::isRegularFile)
            .sorted()
            .forEach(file -> documents.add(reference(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + root + ": " + e.getMessage(), e);
      }
    }
    return documents.stream().distinct().toList();
  }

  @Override
  public InputStream open(DocumentRef document) throws IOException {
    return Files.newInputStream(Path.of(URI.create(document.uri())));
  }

  @Override
  public String toString() {
    return String.join(", ", inputs);
  }

  private DocumentFilter filter() {
    return DocumentFilter.of(includeGlobs, excludeGlobs);
  }

  /** The path below the root with "/" separators, whatever the platform's separator. */
  private static String relativePath(Path root, Path file) {
    List<String> parts = new ArrayList<>();
    root.relativize(file).forEach(part -> parts.add(part.toString()));
    return String.join("/", parts);
  }

  private static DocumentRef reference(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      String version =
          "size:" + attributes.size() + ",mtime:" + attributes.lastModifiedTime().toMillis();
      return new DocumentRef(file.toUri().toString(), attributes.size(), version);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read attributes of " + file, e);
    }
  }
}
