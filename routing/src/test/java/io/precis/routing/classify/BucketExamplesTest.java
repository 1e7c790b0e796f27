package io.precis.routing.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.errors.PrecisException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketExamplesTest {
  static final Path SHIPPED = Path.of("..", "conf", "routing", "bucket-examples.tsv");

  @TempDir Path directory;

  private static List<LabelledExample> parse(String text) {
    return BucketExamples.parse(new BufferedReader(new StringReader(text)), "examples.tsv");
  }

  private static final String MINIMAL =
      "simple\tnote\tThanks for the flowers.\n"
          + "extraction\tform\tName: Ann\\nPhone: 555-0142\n"
          + "complex\tclause\tThe Supplier shall indemnify the Customer.\n";

  @Test
  void linesAreReadWithTheirEscapesAfterCommentsAndTheHeader() {
    List<LabelledExample> examples =
        parse(
            "# a comment\n"
                + BucketExamples.HEADER
                + "\n\n"
                + MINIMAL
                + "NOVEL\tblob\tC:\\\\temp\\tx  \n");

    assertThat(examples)
        .containsExactly(
            new LabelledExample(4, Bucket.SIMPLE, "note", "Thanks for the flowers."),
            new LabelledExample(5, Bucket.EXTRACTION, "form", "Name: Ann\nPhone: 555-0142"),
            new LabelledExample(
                6, Bucket.COMPLEX, "clause", "The Supplier shall indemnify the Customer."),
            new LabelledExample(7, Bucket.NOVEL, "blob", "C:\\temp\tx"));
  }

  @Test
  void aBadLineIsAnErrorThatNamesIt() {
    assertThatThrownBy(() -> parse(MINIMAL + "complex\tclause\n"))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith(
            "Line 4 of examples.tsv: it has 2 tab-separated columns but needs 3 (bucket, kind,"
                + " text; write a tab inside the text as \\t). Fix that line; the file holds one"
                + " example a line");
    assertThatThrownBy(() -> parse(MINIMAL + "hard\tclause\tx\n"))
        .hasMessageStartingWith(
            "Line 4 of examples.tsv: its bucket is 'hard' but must be simple, extraction, complex"
                + " or novel.");
    assertThatThrownBy(() -> parse("simple\t \tx\n" + MINIMAL))
        .hasMessageStartingWith("Line 1 of examples.tsv: its kind (column 2) is empty.");
    assertThatThrownBy(() -> parse(MINIMAL + "simple\tnote\t \\n \n"))
        .hasMessageStartingWith("Line 4 of examples.tsv: its text (column 3) is empty.");
    assertThatThrownBy(() -> parse(MINIMAL + "simple\tnote\tC:\\temp\\x\n"))
        .hasMessageStartingWith(
            "Line 4 of examples.tsv: its text has a backslash not followed by n, t or \\ (at"
                + " character 8); write a backslash as \\\\.");
  }

  @Test
  void aFileWithoutExamplesOfABucketIsAnError() {
    assertThatThrownBy(() -> parse("simple\tnote\tHi.\ncomplex\tclause\tIt shall.\n"))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith(
            "examples.tsv holds no example of bucket extraction: the classifier needs examples of"
                + " simple, extraction and complex.");
  }

  @Test
  void aMissingOrUnreadableFileIsAnErrorThatSaysWhatToSet() throws IOException {
    Path missing = directory.resolve("missing.tsv");
    assertThatThrownBy(() -> BucketExamples.load(missing.toString()))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith(
            "Examples file "
                + missing
                + " (routing.examples) does not exist. Set routing.examples");

    Path latin1 = directory.resolve("latin1.tsv");
    Files.write(
        latin1, "simple\tnote\tCaf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> BucketExamples.read(latin1))
        .hasMessageStartingWith("Cannot read examples file " + latin1 + " (it is not UTF-8 text).");

    Path mine = directory.resolve("mine.tsv");
    Files.writeString(mine, MINIMAL);
    assertThat(BucketExamples.load(mine.toString())).hasSize(3);
  }

  @Test
  void theShippedExamplesAreInTheJarAndBalanced() {
    List<LabelledExample> shipped = BucketExamples.shipped();

    assertThat(shipped).isEqualTo(BucketExamples.read(SHIPPED));
    assertThat(BucketExamples.load("")).isEqualTo(shipped);
    assertThat(shipped).hasSizeGreaterThanOrEqualTo(200);
    Map<Bucket, Integer> counts = new EnumMap<>(Bucket.class);
    shipped.forEach(e -> counts.merge(e.bucket(), 1, Integer::sum));
    assertThat(counts.get(Bucket.SIMPLE)).isBetween(55, 75);
    assertThat(counts.get(Bucket.EXTRACTION)).isBetween(55, 75);
    assertThat(counts.get(Bucket.COMPLEX)).isBetween(55, 75);
    assertThat(counts.get(Bucket.NOVEL)).isGreaterThanOrEqualTo(20);
    assertThat(shipped.stream().map(LabelledExample::kind).distinct().count())
        .isGreaterThanOrEqualTo(60);
    // Realistic chunks: a few lines, up to a few hundred words.
    assertThat(shipped).allSatisfy(e -> assertThat(e.text().length()).isBetween(60, 2000));
    assertThat(shipped).allSatisfy(e -> assertThat(e.text().split("\n")).hasSizeBetween(1, 16));
  }
}
