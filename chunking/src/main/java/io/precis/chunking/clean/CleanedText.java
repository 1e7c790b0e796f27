package io.precis.chunking.clean;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A document's text after cleaning, with what was taken out.
 *
 * @param text the cleaned text: lines joined by {@code \n}, at most one blank line in a row, no
 *     blank line at either end
 * @param removedLines how many lines were removed as boilerplate or as repeats
 * @param removedCharacters how many characters those lines held in the input, line breaks not
 *     counted
 * @param removedText the removed lines, joined by line breaks: what cleaning saved
 * @param sampleRemoved for debugging, the first removed line of each fingerprint (whitespace
 *     normalized) in the order they were met, at most {@link #MAX_SAMPLES} of them
 */
public record CleanedText(
    String text,
    int removedLines,
    int removedCharacters,
    String removedText,
    List<String> sampleRemoved)
    implements Serializable {
  /** How many removed lines {@link #sampleRemoved} holds at most. */
  public static final int MAX_SAMPLES = 5;

  public CleanedText {
    Objects.requireNonNull(text, "text is null");
    Objects.requireNonNull(removedText, "removedText is null");
    Objects.requireNonNull(sampleRemoved, "sampleRemoved is null");
    if (removedLines < 0 || removedCharacters < 0) {
      throw new IllegalArgumentException(
          "removedLines ("
              + removedLines
              + ") and removedCharacters ("
              + removedCharacters
              + ") must be >= 0");
    }
    if (sampleRemoved.size() > Math.min(MAX_SAMPLES, removedLines)) {
      throw new IllegalArgumentException(
          "sampleRemoved holds "
              + sampleRemoved.size()
              + " lines but at most min("
              + MAX_SAMPLES
              + ", removedLines="
              + removedLines
              + ") are allowed");
    }
    sampleRemoved = List.copyOf(sampleRemoved);
  }
}
