package io.precis.routing.cache.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.errors.PrecisException;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledPairsTest {
  @TempDir Path directory;

  private static List<LabelledPair> parse(String text) {
    return LabelledPairs.parse(new BufferedReader(new StringReader(text)), "pairs.tsv");
  }

  @Test
  void readsPairsAfterTheHeaderSkippingBlankAndCommentLines() {
    List<LabelledPair> pairs =
        parse(
            "label\tcategory\ttext_a\ttext_b\n"
                + "# paraphrases first\n"
                + "same\tparaphrase\tshow me my invoices\tlist my recent invoices\n"
                + "\n"
                + "DIFFERENT\tnegation\tEnable 2FA.\tDisable 2FA.\n");
    assertThat(pairs)
        .containsExactly(
            new LabelledPair(
                3, true, "paraphrase", "show me my invoices", "list my recent invoices"),
            new LabelledPair(5, false, "negation", "Enable 2FA.", "Disable 2FA."));
  }

  @Test
  void aBadLineIsAnErrorNamingIt() {
    String header = "label\tcategory\ttext_a\ttext_b\n";
    String good = "same\tparaphrase\ta\tb\ndifferent\tnumber\t30 days\t45 days\n";
    assertThatThrownBy(() -> parse(header + good + "same\tparaphrase\tonly one text\n"))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith(
            "Line 4 of pairs.tsv: it has 3 tab-separated columns but needs 4 (label, category,"
                + " text_a, text_b). Fix that line;");
    assertThatThrownBy(() -> parse(header + "yes\tparaphrase\ta\tb\n" + good))
        .hasMessageStartingWith(
            "Line 2 of pairs.tsv: its label is 'yes' but must be same or different.");
    assertThatThrownBy(() -> parse(header + good + "same\tparaphrase\ta\t \n"))
        .hasMessageStartingWith("Line 4 of pairs.tsv: its text_b (column 4) is empty.");
    assertThatThrownBy(() -> parse(header + "same\tparaphrase\ta\tb\n"))
        .hasMessageStartingWith("pairs.tsv holds 1 pairs but not both labels");
  }

  @Test
  void aMissingFileSaysWhatToPass() {
    Path missing = directory.resolve("none.tsv");
    assertThatThrownBy(() -> LabelledPairs.read(missing))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith("Pairs file " + missing + " does not exist. Pass a file");
  }

  @Test
  void readsAFile() throws Exception {
    Path file = directory.resolve("p.tsv");
    Files.writeString(
        file, LabelledPairs.HEADER + "\nsame\tp\tA café.\tUn café.\ndifferent\tn\ta\tb\n");
    assertThat(LabelledPairs.read(file))
        .hasSize(2)
        .first()
        .extracting(LabelledPair::textA)
        .isEqualTo("A café.");
  }
}
