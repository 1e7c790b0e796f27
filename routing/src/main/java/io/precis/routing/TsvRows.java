package io.precis.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tab-separated files of labelled text precis ships and lets users replace (bucket
 * examples, calibration pairs): one row a line, blank lines and lines starting with {@code #}
 * skipped, and a first row that names its first column taken as a header.
 */
public final class TsvRows {
  /** Reads one row; {@code line} is its 1-based line number, for errors. */
  @FunctionalInterface
  public interface Row<T> {
    T read(String[] columns, int line);
  }

  private TsvRows() {}

  /**
   * @param firstHeader the first column's name in an optional header row (compared ignoring case)
   */
  public static <T> List<T> read(BufferedReader reader, String firstHeader, Row<T> row) {
    List<T> rows = new ArrayList<>();
    boolean headerSeen = false;
    int number = 0;
    try {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t", -1);
        if (!headerSeen) {
          headerSeen = true;
          if (columns[0].trim().equalsIgnoreCase(firstHeader)) {
            continue;
          }
        }
        rows.add(row.read(columns, number));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
