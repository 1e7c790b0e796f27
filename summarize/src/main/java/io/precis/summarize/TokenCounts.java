package io.precis.summarize;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.precis.core.config.TierSettings;
import io.precis.core.errors.Errors;
import java.util.Arrays;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * How precis counts a tier model's tokens before it calls: with the tier's {@code chars-per-token}
 * where it sets one (characters over the ratio, rounded up), else with {@code chunking.encoding}.
 * Estimates and the plan of a document's reduce count the same way, so that the estimate plans the
 * same reduce calls as the run.
 */
public final class TokenCounts {
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  private TokenCounts() {}

  /**
   * Counts text in the tier model's tokens.
   *
   * @param encoding counts with {@code chunking.encoding}; not asked when the tier sets {@code
   *     chars-per-token}
   */
  public static ToIntFunction<String> forTier(TierSettings tier, ToIntFunction<String> encoding) {
    double charsPerToken = tier.charsPerToken();
    return charsPerToken > 0 ? text -> (int) Math.ceil(text.length() / charsPerToken) : encoding;
  }

  /**
   * Counts text in the tier model's tokens, loading the encoding only when the tier has no {@code
   * chars-per-token}.
   *
   * @throws io.precis.core.errors.PrecisException when jtokkit has no such encoding
   */
  public static ToIntFunction<String> forTier(TierSettings tier, String encoding) {
    return tier.charsPerToken() > 0 ? forTier(tier, text -> 0) : encoding(encoding);
  }

  /**
   * Counts text with a jtokkit encoding (o200k_base, cl100k_base...), special tokens as text.
   *
   * @throws io.precis.core.errors.PrecisException naming {@code chunking.encoding} when jtokkit has
   *     no such encoding
   */
  public static ToIntFunction<String> encoding(String name) {
    EncodingType type =
        EncodingType.fromName(name)
            .orElseThrow(
                () ->
                    Errors.invalidConfigValue(
                        "chunking.encoding",
                        name,
                        "one of "
                            + Arrays.stream(EncodingType.values())
                                .map(EncodingType::getName)
                                .collect(Collectors.joining(", ")),
                        "\"o200k_base\""));
    var encoding = REGISTRY.getEncoding(type);
    return encoding::countTokensOrdinary;
  }
}
