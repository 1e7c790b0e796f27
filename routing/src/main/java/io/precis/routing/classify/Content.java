package io.precis.routing.classify;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kinds of content that {@code routing.pins} can pin to tiers whatever the bucket, found by plain
 * rules on the {@link TextFeatures}, so that they hold without an embedding and can be explained in
 * one line.
 */
public enum Content {
  /**
   * Financial calculations and statements: at least 3 financial terms making 2% of the tokens, and
   * at least 2 currency signs, codes or percents, with 5% of the tokens numbers. An invoice or a
   * price list, with amounts but no financial terms, is not.
   */
  FINANCIAL {
    @Override
    boolean in(TextFeatures features) {
      TextFeatures.Counts counts = features.counts();
      return counts.financialCues() >= 3
          && features.value(Feature.FINANCIAL) >= 0.02
          && counts.moneyMarkers() >= 2
          && features.value(Feature.NUMBERS) >= 0.05;
    }

    @Override
    String evidence(TextFeatures features) {
      return String.format(
          Locale.ROOT,
          "%d financial terms, %d currency/percent marks, numbers %.2f",
          features.counts().financialCues(),
          features.counts().moneyMarkers(),
          features.value(Feature.NUMBERS));
    }
  },
  /** Contract and licence language: at least 4 legal terms making 5% of the tokens. */
  LEGAL {
    @Override
    boolean in(TextFeatures features) {
      return features.counts().legalCues() >= 4 && features.value(Feature.LEGAL) >= 0.05;
    }

    @Override
    String evidence(TextFeatures features) {
      return String.format(
          Locale.ROOT,
          "%d legal terms, %.2f of the tokens",
          features.counts().legalCues(),
          features.value(Feature.LEGAL));
    }
  };

  abstract boolean in(TextFeatures features);

  /** Why the text holds this content, in a few words. */
  abstract String evidence(TextFeatures features);

  /** The name in {@code routing.pins}: {@code financial}, {@code legal}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Content> of(String label) {
    for (Content content : values()) {
      if (content.label().equalsIgnoreCase(label.trim())) {
        return Optional.of(content);
      }
    }
    return Optional.empty();
  }

  /** The contents a text holds, each with its evidence. */
  public static Map<Content, String> of(TextFeatures features) {
    Map<Content, String> contents = new EnumMap<>(Content.class);
    for (Content content : values()) {
      if (content.in(features)) {
        contents.put(content, content.evidence(features));
      }
    }
    return contents;
  }
}
