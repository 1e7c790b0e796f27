package io.precis.routing.classify;

import io.precis.core.errors.Errors;
import io.precis.routing.TsvRows;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the classifier's labelled examples from a tab-separated file: an optional header line
 * {@code bucket<TAB>kind<TAB>text}, then one example a line, its text with {@code \n} for a line
 * break, {@code \t} for a tab and {@code \\} for a backslash. Blank lines and lines starting with
 * {@code #} are skipped. A bad line is an error that names it.
 */
public final class BucketExamples {
  /** The header line of the format. */
  public static final String HEADER = "bucket\tkind\ttext";

  /** Where the shipped examples, conf/routing/bucket-examples.tsv, are on the class path. */
  public static final String SHIPPED = "precis/conf/routing/bucket-examples.tsv";

  private static final String SHIPPED_NAME = "conf/routing/bucket-examples.tsv";

  private BucketExamples() {}

  /**
   * The examples {@code routing.examples} names: the shipped set for "", else the file.
   *
   * @throws io.precis.core.errors.PrecisException if the file is missing, unreadable or wrong
   */
  public static List<LabelledExample> load(String examples) {
    return examples.isBlank() ? shipped() : read(Path.of(examples));
  }

  /** The examples shipped in the routing jar. */
  public static List<LabelledExample> shipped() {
    InputStream in = BucketExamples.class.getClassLoader().getResourceAsStream(SHIPPED);
    if (in == null) {
      throw new IllegalStateException(SHIPPED + " is missing from the class path");
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, utf8()))) {
      return parse(reader, SHIPPED_NAME);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The examples of a file. */
  public static List<LabelledExample> read(Path file) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(Files.newInputStream(file), utf8()))) {
      return parse(reader, file.toString());
    } catch (NoSuchFileException e) {
      throw Errors.bucketExamplesMissing(file);
    } catch (CharacterCodingException e) {
      throw Errors.bucketExamplesUnreadable(file.toString(), "it is not UTF-8 text");
    } catch (IOException | UncheckedIOException e) {
      Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
      if (cause instanceof CharacterCodingException) {
        throw Errors.bucketExamplesUnreadable(file.toString(), "it is not UTF-8 text");
      }
      throw Errors.bucketExamplesUnreadable(file.toString(), cause.toString());
    }
  }

  /**
   * The examples of a text in the format.
   *
   * @param source how messages name the text (a file name)
   * @throws io.precis.core.errors.PrecisException naming the first bad line, or the bucket of
   *     simple, extraction and complex that has no example
   */
  public static List<LabelledExample> parse(BufferedReader reader, String source) {
    List<LabelledExample> examples =
        TsvRows.read(reader, "bucket", (columns, line) -> example(columns, line, source));
    Set<Bucket> missing = EnumSet.of(Bucket.SIMPLE, Bucket.EXTRACTION, Bucket.COMPLEX);
    examples.forEach(e -> missing.remove(e.bucket()));
    if (!missing.isEmpty()) {
      throw Errors.bucketExamplesIncomplete(source, missing.iterator().next().label());
    }
    return List.copyOf(examples);
  }

  private static LabelledExample example(String[] columns, int line, String source) {
    if (columns.length != 3) {
      throw Errors.badBucketExample(
          source,
          line,
          "it has "
              + columns.length
              + " tab-separated column"
              + (columns.length == 1 ? "" : "s")
              + " but needs 3 (bucket, kind, text; write a tab inside the text as \\t)");
    }
    Bucket bucket =
        Bucket.of(columns[0])
            .orElseThrow(
                () ->
                    Errors.badBucketExample(
                        source,
                        line,
                        "its bucket is '"
                            + columns[0].trim()
                            + "' but must be simple, extraction, complex or novel"));
    String kind = columns[1].trim();
    if (kind.isEmpty()) {
      throw Errors.badBucketExample(source, line, "its kind (column 2) is empty");
    }
    String text = unescape(columns[2], line, source).strip();
    if (text.isEmpty()) {
      throw Errors.badBucketExample(source, line, "its text (column 3) is empty");
    }
    return new LabelledExample(line, bucket, kind, text);
  }

  /** The text with its escapes replaced: \n a line break, \t a tab, \\ a backslash. */
  static String unescape(String escaped, int line, String source) {
    StringBuilder text = new StringBuilder(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c != '\\') {
        text.append(c);
        continue;
      }
      char next = i + 1 < escaped.length() ? escaped.charAt(i + 1) : ' ';
      switch (next) {
        case 'n' -> text.append('\n');
        case 't' -> text.append('\t');
        case '\\' -> text.append('\\');
        default ->
            throw Errors.badBucketExample(
                source,
                line,
                "its text has a backslash not followed by n, t or \\ (at character "
                    + (i + 1)
                    + "); write a backslash as \\\\");
      }
      i++;
    }
    return text.toString();
  }

  /** A strict UTF-8 decoder: a file in another encoding is an error, not mangled text. */
  private static java.nio.charset.CharsetDecoder utf8() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}
