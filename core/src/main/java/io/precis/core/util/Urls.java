package io.precis.core.util;

import java.util.regex.Pattern;

/** URLs as they may be shown to people: with any password in them replaced. */
public final class Urls {
  public static final String REDACTED = "<redacted>";

  private Urls() {}

  /**
   * The text with the user-info part (user:password@) of any URL in it redacted; other text
   * unchanged. Works on text that does not parse as a URI too.
   */
  public static String redact(String text) {
    return USER_INFO.matcher(text).replaceAll("$1" + REDACTED + "@");
  }

  /**
   * A webhook URL as it may be shown: scheme, host and port only. Webhooks (Slack, Teams,
   * PagerDuty) carry their secret in the path or query, so both are replaced.
   */
  public static String withoutPath(String url) {
    String redacted = redact(url);
    java.util.regex.Matcher origin = ORIGIN.matcher(redacted);
    if (!origin.find()) {
      return REDACTED;
    }
    return origin.end() < redacted.length() ? origin.group() + "/" + REDACTED : origin.group();
  }

  /** "scheme://" and the authority, up to the first "/", "?" or "#". */
  private static final Pattern ORIGIN = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#\\s]*");

  /** "scheme://" followed by user info up to the "@" before the host. */
  private static final Pattern USER_INFO =
      Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@\\s]+@");
}
