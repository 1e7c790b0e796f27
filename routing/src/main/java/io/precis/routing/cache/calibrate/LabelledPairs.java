package io.precis.routing.cache.calibrate;

import io.precis.core.errors.Errors;
import io.precis.routing.TsvRows;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads labelled pairs from a tab-separated file: a header line {@code
 * label<TAB>category<TAB>text_a<TAB>text_b}, then one pair a line, label {@code same} or {@code
 * different}. Blank lines and lines starting with {@code #} are skipped. A bad line is an error
 * that names it.
 */
public final class LabelledPairs {
  /** The header line of the format. */
  public static final String HEADER = "label\tcategory\ttext_a\ttext_b";

  private LabelledPairs() {}

  /** The pairs of a file. */
  public static List<LabelledPair> read(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, file.toString());
    } catch (NoSuchFileException e) {
      throw Errors.calibrationPairsMissing(file);
    } catch (CharacterCodingException e) {
      throw Errors.calibrationPairsUnreadable(file.toString(), "it is not UTF-8 text");
    } catch (IOException e) {
      throw Errors.calibrationPairsUnreadable(file.toString(), e.toString());
    }
  }

  /**
   * The pairs of a text in the format.
   *
   * @param source how messages name the text (a file name)
   */
  public static List<LabelledPair> parse(BufferedReader reader, String source) {
    List<LabelledPair> pairs =
        TsvRows.read(reader, "label", (columns, line) -> pair(columns, line, source));
    if (pairs.stream().noneMatch(LabelledPair::same)
        || pairs.stream().allMatch(LabelledPair::same)) {
      throw Errors.calibrationPairsOneSided(source, pairs.size());
    }
    return pairs;
  }

  private static LabelledPair pair(String[] columns, int line, String source) {
    if (columns.length != 4) {
      throw Errors.badCalibrationPair(
          source,
          line,
          "it has "
              + columns.length
              + " tab-separated column"
              + (columns.length == 1 ? "" : "s")
              + " but needs 4 (label, category, text_a, text_b)");
    }
    String label = columns[0].trim().toLowerCase(Locale.ROOT);
    if (!label.equals("same") && !label.equals("different")) {
      throw Errors.badCalibrationPair(
          source, line, "its label is '" + columns[0].trim() + "' but must be same or different");
    }
    String category = columns[1].trim();
    if (category.isEmpty()) {
      throw Errors.badCalibrationPair(source, line, "its category (column 2) is empty");
    }
    for (int i = 2; i < 4; i++) {
      if (columns[i].isBlank()) {
        throw Errors.badCalibrationPair(
            source,
            line,
            "its text_" + (i == 2 ? "a" : "b") + " (column " + (i + 1) + ") is empty");
      }
    }
    return new LabelledPair(
        line, label.equals("same"), category, columns[2].trim(), columns[3].trim());
  }
}
