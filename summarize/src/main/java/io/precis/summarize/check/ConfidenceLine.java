package io.precis.summarize.check;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the self-reported confidence an answer ends with ({@code Confidence: 0.8}, also {@code
 * **Confidence:** 80%}, {@code confidence = 0.8/1}, on its own line or after the last words) and
 * takes it off the summary.
 *
 * @param summary the answer without the confidence, stripped
 * @param confidence between 0 and 1; null when the answer has no readable confidence (a value
 *     outside 0 to 1, or 1 to 100 read as a percent, is not readable and stays removed)
 */
record ConfidenceLine(String summary, Double confidence) {
  private static final Pattern LINE =
      Pattern.compile(
          "(?is)(?:^|\\s)[ \\t*_>\\-]*(?:self-reported\\s+)?confidence"
              + "(?:\\s+(?:score|level))?[\\s*_]*[:=][\\s*_]*"
              + "(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(%|/\\s*(?:1(?:\\.0+)?|10|100))?[\\s*_.]*$");

  static ConfidenceLine parse(String answer) {
    Matcher m = LINE.matcher(answer);
    if (!m.find()) {
      return new ConfidenceLine(answer.strip(), null);
    }
    double value = Double.parseDouble(m.group(1));
    String scale = m.group(2) == null ? "" : m.group(2).replaceAll("\\s", "");
    if (scale.equals("%") || scale.equals("/100") || (scale.isEmpty() && value > 1)) {
      value /= 100;
    } else if (scale.equals("/10")) {
      value /= 10;
    }
    Double confidence = value >= 0 && value <= 1 ? value : null;
    return new ConfidenceLine(answer.substring(0, m.start()).strip(), confidence);
  }
}
