package io.precis.routing.index;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The small file beside a snapshot's Lucene files that says what its vectors are: a snapshot is
 * complete once this file exists (the writer moves it in last), and a reader compares its embedder
 * with the configured one before trusting any cosine.
 */
record SnapshotMetadata(
    int format,
    String embedderId,
    int dimensions,
    long entries,
    long createdAtMillis,
    SnapshotWriter.Quantization quantization) {
  static final String FILE = "precis-index.properties";
  static final int FORMAT = 1;

  void write(Path directory) throws IOException {
    Properties p = new Properties();
    p.setProperty("format", Integer.toString(format));
    p.setProperty("embedder", embedderId);
    p.setProperty("dimensions", Integer.toString(dimensions));
    p.setProperty("entries", Long.toString(entries));
    p.setProperty("created-at-millis", Long.toString(createdAtMillis));
    p.setProperty("quantization", quantization.name());
    Path tmp = directory.resolve(FILE + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "precis cache index snapshot");
    }
    Files.move(tmp, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * @throws IllegalStateException naming what is wrong when the file is missing or malformed
   */
  static SnapshotMetadata read(Path directory) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(directory.resolve(FILE), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "no " + FILE + ": the folder is not a snapshot, or its writer did not finish");
    }
    try {
      int format = Integer.parseInt(p.getProperty("format"));
      if (format != FORMAT) {
        throw new IllegalStateException(
            "snapshot format " + format + ", this version of precis reads format " + FORMAT);
      }
      return new SnapshotMetadata(
          format,
          require(p, "embedder"),
          Integer.parseInt(require(p, "dimensions")),
          Long.parseLong(require(p, "entries")),
          Long.parseLong(require(p, "created-at-millis")),
          SnapshotWriter.Quantization.valueOf(require(p, "quantization")));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(FILE + " is malformed: " + e.getMessage());
    }
  }

  private static String require(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("no " + key);
    }
    return value;
  }
}
