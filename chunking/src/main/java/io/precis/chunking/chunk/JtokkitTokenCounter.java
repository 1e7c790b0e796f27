package io.precis.chunking.chunk;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import io.precis.core.errors.Errors;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * OpenAI's BPE tokenizers (o200k_base, cl100k_base...) through jtokkit. Special tokens in the text
 * are counted as ordinary text, never interpreted.
 */
public final class JtokkitTokenCounter implements TokenCounter {
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  private final Encoding encoding;

  private JtokkitTokenCounter(Encoding encoding) {
    this.encoding = encoding;
  }

  /**
   * The counter for an encoding name.
   *
   * @throws io.precis.core.errors.PrecisException when jtokkit has no such encoding
   */
  public static JtokkitTokenCounter forEncoding(String name) {
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
    return new JtokkitTokenCounter(REGISTRY.getEncoding(type));
  }

  @Override
  public int count(String text) {
    return encoding.countTokensOrdinary(text);
  }

  @Override
  public String prefix(String text, int maxTokens) {
    IntArrayList tokens = encoding.encodeOrdinary(text, maxTokens).getTokens();
    String prefix = encoding.decode(tokens);
    // A token boundary can fall inside a multi-byte character; drop the broken tail.
    while (!prefix.isEmpty() && prefix.charAt(prefix.length() - 1) == '\uFFFD') {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return prefix;
  }
}
