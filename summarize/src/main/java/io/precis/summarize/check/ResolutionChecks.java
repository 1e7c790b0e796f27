package io.precis.summarize.check;

import io.precis.core.config.CheckSettings;
import io.precis.routing.cache.guard.GuardFeatures;
import io.precis.routing.embed.Embedder;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a cheaper tier's answer counts: a cascade takes it only if it passes, and
 * escalates its chunk to the next tier otherwise, with the failed {@link Check} as the reason. The
 * checks run cheapest first and stop at the first failure: empty, refusal, too short, too long,
 * self-reported confidence (when the prompt asks for it), invented numbers, invented names, and
 * last, only when all others passed, faithfulness by the cosine of the embeddings of answer and
 * source. Without an embedder the faithfulness check is skipped.
 *
 * <p>Thread-safe when its embedder is (every embedder of precis is): one instance serves every task
 * of an executor.
 */
public final class ResolutionChecks {
  /**
   * What the chunk prompt's instructions add when {@code checks.self-confidence} is on; the answer
   * then ends with the line this asks for, which the checks read and take off the summary. Adding
   * it changes the prompt, so the prompt's version must say so.
   */
  public static final String CONFIDENCE_INSTRUCTION =
      "After the summary, on a last line of its own, write \"Confidence: X\", where X between 0.0"
          + " and 1.0 says how sure you are that the summary is faithful and complete.";

  private static final Pattern WORD = Pattern.compile("\\S*[\\p{L}\\p{N}]\\S*");

  /** Numbered or bulleted list items and headings: their markers are no figures of the source. */
  private static final Pattern LIST_MARKER =
      Pattern.compile("(?m)^[ \\t]*(?:\\(?\\d{1,2}[.)]|[-*\u2022]|#{1,6})[ \\t]+");

  private final CheckSettings settings;
  private final Embedder embedder;

  /** Checks without the faithfulness check (no embedder). */
  public ResolutionChecks(CheckSettings settings) {
    this(settings, null);
  }

  /**
   * @param embedder embeds answer and source for the faithfulness check; null skips that check.
   *     {@code checks.faithfulness-threshold} is calibrated for one embedder (minilm)
   */
  public ResolutionChecks(CheckSettings settings, Embedder embedder) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.embedder = embedder;
  }

  /** The answer without the confidence line a model was asked to end it with, stripped. */
  public static String withoutConfidence(String answer) {
    return ConfidenceLine.parse(answer).summary();
  }

  public CheckSettings settings() {
    return settings;
  }

  /** Whether {@link Check#UNFAITHFUL} can fail: there is an embedder and a threshold above 0. */
  public boolean checksFaithfulness() {
    return settings.enabled() && embedder != null && settings.faithfulnessThreshold() > 0;
  }

  /**
   * Checks an answer to the request to summarize {@code source} in at most {@code wordLimit} words.
   *
   * @param wordLimit the prompt's word limit; 0 or less means none (no too-long check)
   * @throws io.precis.core.errors.PrecisException if a remote embedder fails
   */
  public CheckOutcome check(String source, String answer, int wordLimit) {
    return check(SourceText.of(source), answer, wordLimit);
  }

  /**
   * As {@link #check(String, String, int)}, with a source that may carry a document name and an
   * embedding already made, and that remembers what it derived for the next tier's answer.
   */
  public CheckOutcome check(SourceText source, String answer, int wordLimit) {
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(answer, "answer is null");
    ConfidenceLine line =
        settings.selfConfidence()
            ? ConfidenceLine.parse(answer)
            : new ConfidenceLine(answer.strip(), null);
    String summary = line.summary();
    Double confidence = line.confidence();
    if (!settings.enabled()) {
      return CheckOutcome.pass(summary, null, confidence);
    }
    Optional<Failure> failure = cheap(source, summary, wordLimit);
    if (failure.isPresent()) {
      return CheckOutcome.fail(failure.get().check, failure.get().why, summary, null, confidence);
    }
    if (settings.selfConfidence()) {
      if (confidence == null && settings.confidenceRequired()) {
        return CheckOutcome.fail(
            Check.LOW_CONFIDENCE, "no readable \"Confidence:\" line", summary, null, null);
      }
      if (confidence != null && confidence < settings.minConfidence()) {
        return CheckOutcome.fail(
            Check.LOW_CONFIDENCE,
            String.format(Locale.ROOT, "%.2f, below %.2f", confidence, settings.minConfidence()),
            summary,
            null,
            confidence);
      }
    }
    if (settings.numbers() || settings.entities()) {
      GuardFeatures features = GuardFeatures.of(withoutListMarkers(summary));
      if (settings.numbers()) {
        List<String> invented = Figures.invented(features, summary, source);
        if (!invented.isEmpty()) {
          return CheckOutcome.fail(
              Check.INVENTED_NUMBER, notInSource(invented), summary, null, confidence);
        }
      }
      if (settings.entities()) {
        List<String> invented = Names.invented(features, source);
        if (!invented.isEmpty()) {
          return CheckOutcome.fail(
              Check.INVENTED_ENTITY, notInSource(invented), summary, null, confidence);
        }
      }
    }
    if (!checksFaithfulness() || source.text().isBlank()) {
      return CheckOutcome.pass(summary, null, confidence);
    }
    double cosine = faithfulness(source, summary);
    if (cosine < settings.faithfulnessThreshold()) {
      return CheckOutcome.fail(
          Check.UNFAITHFUL,
          String.format(
              Locale.ROOT,
              "cosine %.3f to the source, below %.3f",
              cosine,
              settings.faithfulnessThreshold()),
          summary,
          cosine,
          confidence);
    }
    return CheckOutcome.pass(summary, cosine, confidence);
  }

  /** The cosine between the embeddings of a summary and its source. */
  double faithfulness(SourceText source, String summary) {
    if (source.hasVector()) {
      return Embedder.cosine(embedder.embed(List.of(summary)).get(0), source.vector(embedder));
    }
    List<float[]> vectors = embedder.embed(List.of(summary, source.text()));
    return Embedder.cosine(vectors.get(0), source.remember(vectors.get(1)));
  }

  private record Failure(Check check, String why) {}

  /** The checks that read only the strings: empty, refusal, length. */
  private Optional<Failure> cheap(SourceText source, String summary, int wordLimit) {
    if (summary.isBlank()) {
      return Optional.of(new Failure(Check.EMPTY, "the answer is empty"));
    }
    Optional<String> refusal = Refusals.find(summary, source);
    if (refusal.isPresent()) {
      return Optional.of(new Failure(Check.REFUSAL, "says \"" + refusal.get() + "\""));
    }
    int words = countWords(summary);
    // Never more than the prompt allows: a word limit of 5 makes 5 words enough.
    int least = wordLimit > 0 ? Math.min(settings.minWords(), wordLimit) : settings.minWords();
    if (least > 0 && words < least && source.words() >= settings.longSourceWords()) {
      return Optional.of(
          new Failure(
              Check.TOO_SHORT,
              words
                  + (words == 1 ? " word" : " words")
                  + " for a source of "
                  + source.words()
                  + ", fewer than "
                  + least));
    }
    if (wordLimit > 0) {
      long most = (long) Math.floor(wordLimit * settings.maxWordsFactor());
      if (words > most) {
        return Optional.of(
            new Failure(
                Check.TOO_LONG,
                words
                    + " words, more than "
                    + most
                    + " ("
                    + wordLimit
                    + " x "
                    + trim(settings.maxWordsFactor())
                    + ")"));
      }
    }
    return Optional.empty();
  }

  /** Words as a reader counts them: runs of non-space holding a letter or a digit. */
  static int countWords(String text) {
    int words = 0;
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words++;
    }
    return words;
  }

  static String withoutListMarkers(String summary) {
    return LIST_MARKER.matcher(summary).replaceAll("");
  }

  /** "a, b and 2 more not in the source", short enough for a table column. */
  private static String notInSource(List<String> values) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (String value : values) {
      if (shown == 3 || out.length() + value.length() > 80) {
        break;
      }
      if (shown > 0) {
        out.append(", ");
      }
      out.append(value);
      shown++;
    }
    if (shown == 0) {
      out.append(values.get(0), 0, Math.min(values.get(0).length(), 77)).append("...");
      shown = 1;
    }
    if (values.size() > shown) {
      out.append(" and ").append(values.size() - shown).append(" more");
    }
    return out.append(" not in the source").toString();
  }

  private static String trim(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
