package io.precis.jobs.spark;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Table folders in SQL: Delta reads a table by path only when the path is absolute or a URI. */
public final class DeltaPaths {
  private static final Pattern DELTA_PATH = Pattern.compile("delta\\.`([^`]+)`");

  private DeltaPaths() {}

  /**
   * The query with every relative table folder ({@code delta.`warehouse/job_costs`}) resolved
   * against {@code base}; absolute paths and URIs are left as they are.
   */
  public static String resolve(String query, Path base) {
    Matcher matcher = DELTA_PATH.matcher(query);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String path = matcher.group(1);
      String resolved =
          path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || path.startsWith("/")
              ? path
              : base.toAbsolutePath().resolve(path).normalize().toString();
      matcher.appendReplacement(out, Matcher.quoteReplacement("delta.`" + resolved + "`"));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
