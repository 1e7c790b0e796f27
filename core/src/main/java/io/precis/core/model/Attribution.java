package io.precis.core.model;

import java.io.Serializable;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Objects;

/**
 * Who a document's spend is attributed to ({@code job.attribution}): rules tried in order, the
 * first whose glob matches the document's location setting its feature, its tenant or both; a
 * document no rule matches keeps the job's. A document's location is its URI without the scheme:
 * the absolute, decoded path of a local file ({@code file:///data/a%20b.pdf} is {@code /data/a
 * b.pdf}) and {@code bucket/key} of an S3 object.
 */
public final class Attribution implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Attribution NONE = new Attribution(List.of());

  /**
   * One rule.
   *
   * @param match a glob in java.nio PathMatcher syntax
   * @param feature the feature of the documents it matches, or "" to keep the job's
   * @param tenant the tenant of the documents it matches, or "" to keep the job's
   */
  public record Rule(String match, String feature, String tenant) implements Serializable {
    public Rule {
      Objects.requireNonNull(match, "match is null");
      Objects.requireNonNull(feature, "feature is null");
      Objects.requireNonNull(tenant, "tenant is null");
      if (feature.isEmpty() && tenant.isEmpty()) {
        throw new IllegalArgumentException("rule " + match + " sets neither feature nor tenant");
      }
    }

    /**
     * The rule's glob as a matcher.
     *
     * @throws java.util.regex.PatternSyntaxException when it is not a valid glob
     */
    public PathMatcher matcher() {
      return FileSystems.getDefault().getPathMatcher("glob:" + match);
    }
  }

  private final List<Rule> rules;
  private transient List<PathMatcher> matchers;

  private Attribution(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Every document keeps the job's feature and tenant. */
  public static Attribution none() {
    return NONE;
  }

  public static Attribution of(List<Rule> rules) {
    return rules.isEmpty() ? NONE : new Attribution(rules);
  }

  public List<Rule> rules() {
    return rules;
  }

  /**
   * The context of the calls made for the document at {@code uri}: the job's, with the feature and
   * tenant of the first rule that matches the document's {@linkplain #location location}.
   */
  public JobContext contextFor(JobContext job, String uri) {
    if (rules.isEmpty()) {
      return job;
    }
    Path location;
    try {
      // PathMatcher matches Path objects; the default file system parses "/" on every platform.
      location = FileSystems.getDefault().getPath(location(uri));
    } catch (InvalidPathException e) {
      return job; // an S3 key no path can hold (a NUL): no glob matches it
    }
    List<PathMatcher> compiled = matchers();
    for (int i = 0; i < rules.size(); i++) {
      if (compiled.get(i).matches(location)) {
        Rule rule = rules.get(i);
        return new JobContext(
            job.jobId(),
            rule.feature().isEmpty() ? job.feature() : rule.feature(),
            rule.tenant().isEmpty() ? job.tenant() : rule.tenant(),
            job.userId());
      }
    }
    return job;
  }

  /**
   * Where a document is, as rules match it: its URI without the scheme, a local path decoded (the
   * URI of a file is percent-encoded; an S3 key in an {@code s3://} URI is not).
   */
  public static String location(String uri) {
    if (uri.startsWith("file:")) {
      try {
        String path = new URI(uri).getPath();
        if (path != null) {
          return path;
        }
      } catch (java.net.URISyntaxException e) {
        // not a well-formed URI: decode it as text below
      }
      String path = uri.substring("file:".length()).replaceFirst("^//(?=/)", "");
      return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
    int separator = uri.indexOf("://");
    return separator < 0 ? uri : uri.substring(separator + 3);
  }

  private List<PathMatcher> matchers() {
    List<PathMatcher> compiled = matchers;
    if (compiled == null) {
      compiled = rules.stream().map(Rule::matcher).toList();
      matchers = compiled;
    }
    return compiled;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Attribution that && rules.equals(that.rules);
  }

  @Override
  public int hashCode() {
    return rules.hashCode();
  }

  @Override
  public String toString() {
    return "Attribution" + rules;
  }
}
