package io.precis.routing;

import io.precis.core.config.PrecisSettings;
import io.precis.core.model.Chunk;
import java.util.Locale;

/**
 * The placeholder routing rule, until the bucket classifier exists: a chunk dense with digits
 * (tables, financial figures) goes straight to the most capable tier, everything else to the
 * cheapest.
 */
public final class DigitShareRoutingPolicy implements RoutingPolicy {
  private final double premiumDigitShare;
  private final String cheapTier;
  private final String premiumTier;

  public DigitShareRoutingPolicy(double premiumDigitShare, String cheapTier, String premiumTier) {
    this.premiumDigitShare = premiumDigitShare;
    this.cheapTier = cheapTier;
    this.premiumTier = premiumTier;
  }

  public static DigitShareRoutingPolicy from(PrecisSettings settings) {
    return new DigitShareRoutingPolicy(
        settings.routing().premiumDigitShare(),
        settings.llm().cheapest().name(),
        settings.llm().mostCapable().name());
  }

  @Override
  public Route route(Chunk chunk) {
    double share = digitShare(chunk.text());
    String measured = String.format(Locale.ROOT, "digit share %.2f", share);
    if (share > premiumDigitShare) {
      return new Route(premiumTier, "numeric", measured + " > " + premiumDigitShare);
    }
    return new Route(cheapTier, "text", measured + " <= " + premiumDigitShare);
  }

  /** Share of digits among the non-whitespace characters; 0 for blank text. */
  public static double digitShare(String text) {
    long digits = 0;
    long visible = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        visible++;
        if (Character.isDigit(c)) {
          digits++;
        }
      }
    }
    return visible == 0 ? 0 : (double) digits / visible;
  }
}
