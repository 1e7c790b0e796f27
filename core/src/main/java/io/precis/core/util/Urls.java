package io.precis.core.util;

import java.net.URI;
import java.net.URISyntaxException;

/** URLs as they may be shown to people: with any password in them replaced. */
public final class Urls {
  public static final String REDACTED = "<redacted>";

  private Urls() {}

  /** The URL with its user-info part (user:password@) redacted; other text unchanged. */
  public static String redact(String text) {
    try {
      URI uri = new URI(text);
      String userInfo = uri.getRawUserInfo();
      if (uri.getScheme() == null || userInfo == null) {
        return text;
      }
      return text.replace(userInfo + "@", REDACTED + "@");
    } catch (URISyntaxException e) {
      return text;
    }
  }
}
