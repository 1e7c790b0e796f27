package io.precis.jobs.spark;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The --warehouse of every command, as Spark needs it: a URI with a scheme other than file: (s3a,
 * hdfs, abfss) as it is, a local folder or file: URI made absolute; never a trailing slash.
 */
public final class Warehouses {
  private Warehouses() {}

  /** The warehouse as a URI for Spark. Creates nothing. */
  public static String uri(String warehouse) {
    String uri = localFolder(warehouse).map(folder -> folder.toUri().toString()).orElse(warehouse);
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  /** The absolute folder of a local warehouse (a path or a file: URI); empty for any other. */
  public static Optional<Path> localFolder(String warehouse) {
    if (warehouse.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !warehouse.startsWith("file:")) {
      return Optional.empty();
    }
    Path local =
        warehouse.startsWith("file:") ? Path.of(URI.create(warehouse)) : Path.of(warehouse);
    return Optional.of(local.toAbsolutePath().normalize());
  }
}
