package io.precis.chunking.source;

import io.precis.core.config.SourceSettings;
import io.precis.core.errors.Errors;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Decides which documents a source takes, from a document's path relative to its input: the include
 * and exclude globs of {@link SourceSettings}, and no hidden files or folders. Local and S3 sources
 * share it so that the same tree on disk and in a bucket yields the same documents.
 */
final class DocumentFilter {
  private final List<PathMatcher> includes;
  private final List<PathMatcher> excludes;

  private DocumentFilter(List<PathMatcher> includes, List<PathMatcher> excludes) {
    this.includes = includes;
    this.excludes = excludes;
  }

  /**
   * @throws io.precis.core.errors.PrecisException when a pattern is not a valid glob
   */
  static DocumentFilter of(SourceSettings settings) {
    return of(settings.includeGlobs(), settings.excludeGlobs());
  }

  /**
   * @throws io.precis.core.errors.PrecisException when a pattern is not a valid glob
   */
  static DocumentFilter of(List<String> includeGlobs, List<String> excludeGlobs) {
    return new DocumentFilter(
        matchers("source.include-globs", includeGlobs),
        matchers("source.exclude-globs", excludeGlobs));
  }

  /**
   * Whether to take the document at this path below an input folder or prefix, separated by "/":
   * not hidden, and {@linkplain #matches matched by the globs}.
   */
  boolean accepts(String relativePath) {
    return !isHidden(relativePath) && matches(relativePath);
  }

  /**
   * Whether the globs take this path: matched by an include glob (or there are none) and by no
   * exclude glob. For an input that names one document, pass its file name: a document the user
   * named is never hidden.
   */
  boolean matches(String relativePath) {
    Path path;
    try {
      // PathMatcher matches Path objects; the default file system parses "/" on every platform.
      path = FileSystems.getDefault().getPath(relativePath);
    } catch (InvalidPathException e) {
      return includes.isEmpty(); // an S3 key no path can hold (a NUL): no glob matches it
    }
    boolean included = includes.isEmpty() || includes.stream().anyMatch(m -> m.matches(path));
    return included && excludes.stream().noneMatch(m -> m.matches(path));
  }

  /** A name starting with a dot, at any depth below the input. */
  private static boolean isHidden(String relativePath) {
    for (String part : relativePath.split("/", -1)) {
      if (part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static List<PathMatcher> matchers(String key, List<String> globs) {
    FileSystem fileSystem = FileSystems.getDefault();
    return globs.stream().map(glob -> matcher(fileSystem, key, glob)).toList();
  }

  private static PathMatcher matcher(FileSystem fileSystem, String key, String glob) {
    try {
      return fileSystem.getPathMatcher("glob:" + glob);
    } catch (PatternSyntaxException e) {
      throw Errors.invalidGlob(key, glob, e, "[\"**.pdf\"]");
    }
  }
}
