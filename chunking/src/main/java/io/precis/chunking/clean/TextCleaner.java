package io.precis.chunking.clean;

import io.precis.core.config.CleaningSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Removes the text an LLM should not pay for before a document is chunked: lines that are
 * boilerplate across the job's documents, short lines repeated within the document (running headers
 * and footers of PDF pages), and surplus whitespace. Paragraph structure survives: blank lines
 * between paragraphs stay (at most one in a row) because the chunker splits on them.
 *
 * <ol>
 *   <li>A short line (see {@link LineFingerprints}) whose exact fingerprint is in the {@link
 *       BoilerplateSet} is removed, unless it is a table row. Exact: lines that differ in a number
 *       are different lines across documents, because a corpus of forms or tickets differs in
 *       exactly its numbers.
 *   <li>A short line of plain text whose shape occurs at least {@code repeated-line-min-count}
 *       times in the document is kept where it first occurs and removed elsewhere, if its lines are
 *       identical or stand apart like page furniture (see {@link LineInventory}): so "Page 2 of 6"
 *       repeats "Page 1 of 6", but "Revenue 2024: 1,310" under "Revenue 2023: 1,204" is data. Table
 *       rows, list items and headings are never removed this way: repetition is legitimate in them.
 *       Nor are single words: repeated lines like "try:", "}" or "True" are code far more often
 *       than running headers.
 *   <li>Every kept line is whitespace-normalized: zero-width characters (U+200B to U+200D, U+2060,
 *       U+FEFF) and ASCII control characters dropped, no-break spaces made spaces, runs of spaces
 *       and tabs made one space, and leading and trailing spaces removed. {@code \r\n} and {@code
 *       \r} become {@code \n}; runs of blank lines become one blank line, and blank lines at either
 *       end go.
 * </ol>
 *
 * <p>With cleaning disabled only step 3 runs. Deterministic, and linear in the text's length.
 * Immutable and thread-safe.
 */
public final class TextCleaner implements Serializable {
  private static final long serialVersionUID = 1L;

  private final CleaningSettings settings;

  public TextCleaner(CleaningSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
  }

  /** The text with boilerplate, repeats and surplus whitespace removed. */
  public CleanedText clean(String text, BoilerplateSet boilerplate) {
    Objects.requireNonNull(text, "text is null");
    Objects.requireNonNull(boilerplate, "boilerplate is null");
    LineInventory inventory = settings.enabled() ? LineInventory.of(text, settings) : null;
    LongIntCounter kept = new LongIntCounter(16);
    Output output = new Output(text.length());
    int line = 0;
    for (int start = 0; start <= text.length(); line++) {
      int end = Lines.end(text, start);
      if (inventory != null && isRemovable(inventory, line, boilerplate, kept)) {
        output.remove(text, start, end, inventory.shape(line));
      } else {
        output.keep(text, start, end);
      }
      start = Lines.next(text, end);
    }
    return output.result();
  }

  private boolean isRemovable(
      LineInventory inventory, int line, BoilerplateSet boilerplate, LongIntCounter kept) {
    LineInventory.Removal removal = inventory.removal(line);
    if (removal == LineInventory.Removal.NEVER) {
      return false;
    }
    long fingerprint = inventory.fingerprint(line);
    if (boilerplate.contains(fingerprint)) {
      return true;
    }
    long shape = inventory.shape(line);
    return removal == LineInventory.Removal.AS_BOILERPLATE_OR_REPEAT
        && inventory.repeatsAsFurniture(shape, settings.repeatedLineMinCount())
        && kept.increment(shape) > 1;
  }

  /** The cleaned text as it is built, with the tally of removed lines. */
  private static final class Output {
    private final StringBuilder text;
    private final List<String> samples = new ArrayList<>();
    private final StringBuilder removed = new StringBuilder();
    private final long[] sampleFingerprints = new long[CleanedText.MAX_SAMPLES];
    private boolean pendingBlankLine;
    private int removedLines;
    private int removedCharacters;

    Output(int capacity) {
      text = new StringBuilder(capacity);
    }

    void keep(String source, int start, int end) {
      int first = Whitespace.firstVisible(source, start, end);
      if (first == end) {
        pendingBlankLine = text.length() > 0;
        return;
      }
      if (text.length() > 0) {
        text.append(pendingBlankLine ? "\n\n" : "\n");
      }
      pendingBlankLine = false;
      Whitespace.appendNormalized(source, first, end, text);
    }

    void remove(String source, int start, int end, long fingerprint) {
      removedLines++;
      removedCharacters += end - start;
      if (removed.length() > 0) {
        removed.append('\n');
      }
      removed.append(source, start, end);
      int sampled = samples.size();
      if (sampled < CleanedText.MAX_SAMPLES) {
        for (int i = 0; i < sampled; i++) {
          if (sampleFingerprints[i] == fingerprint) {
            return; // one sample per kind of line: "Page 2 of 6" stands for "Page 3 of 6"
          }
        }
        sampleFingerprints[sampled] = fingerprint;
        samples.add(Whitespace.normalized(source, start, end));
      }
    }

    CleanedText result() {
      return new CleanedText(
          text.toString(), removedLines, removedCharacters, removed.toString(), samples);
    }
  }
}
