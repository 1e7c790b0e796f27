package io.precis.chunking.chunk;

/** Counts tokens the way the target model's tokenizer does, and cuts text to a token budget. */
public interface TokenCounter {
  int count(String text);

  /** The longest prefix of the text that is at most {@code maxTokens} tokens. */
  String prefix(String text, int maxTokens);
}
