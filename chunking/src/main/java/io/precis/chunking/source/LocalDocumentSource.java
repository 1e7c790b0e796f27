package io.precis.chunking.source;

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
 * files and folders (name starting with a dot) are skipped. A file's version is its size and
 * modification time.
 */
public final class LocalDocumentSource implements DocumentSource {
  private static final long serialVersionUID = 1L;

  private final List<String> inputs;

  public LocalDocumentSource(List<Path> inputs) {
    Objects.requireNonNull(inputs, "inputs is null");
    this.inputs =
        inputs.stream().map(path -> path.toAbsolutePath().normalize().toString()).toList();
  }

  @Override
  public List<DocumentRef> list() {
    if (inputs.isEmpty()) {
      throw Errors.noInput();
    }
    List<DocumentRef> documents = new ArrayList<>();
    for (String input : inputs) {
      Path path = Path.of(input);
      if (!Files.exists(path)) {
        throw Errors.missingInput(path);
      }
      try (Stream<Path> files = Files.walk(path)) {
        files
            .filter(file -> !isHidden(path, file))
            .filter(Files::isRegularFile)
            .sorted()
            .forEach(file -> documents.add(reference(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + path + ": " + e.getMessage(), e);
      }
    }
    return documents.stream().distinct().toList();
  }

  @Override
  public InputStream open(DocumentRef document) throws IOException {
    return Files.newInputStream(Path.of(URI.create(document.uri())));
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

  /** Hidden below the input root; an input the user named explicitly is never hidden. */
  private static boolean isHidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
