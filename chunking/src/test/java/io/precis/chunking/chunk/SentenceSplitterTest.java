package io.precis.chunking.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
  private final SentenceSplitter splitter = new SentenceSplitter();

  @Test
  void splitsAtSentenceEnds() {
    assertThat(splitter.split("The depot opens at six. Is it open on Sunday? No! Ask Dr. Smith."))
        .containsExactly(
            "The depot opens at six.", "Is it open on Sunday?", "No!", "Ask Dr.", "Smith.");
  }

  @Test
  void sentencesAcrossLucenesBufferComeOutWholeAndNoWordIsCut() {
    List<String> written =
        IntStream.range(0, 300)
            .mapToObj(
                i ->
                    "Shipment "
                        + i
                        + " left the Rotterdam cross-dock on schedule ("
                        + "x".repeat(i % 40)
                        + ").")
            .toList();
    String text = String.join(" ", written);
    assertThat(text.length()).isGreaterThan(20_000);

    List<String> sentences = splitter.split(text);

    assertThat(sentences).containsExactlyElementsOf(written);
  }

  @Test
  void aVeryLongSentenceIsKeptWholeAndItsWordsIntact() {
    String sentence =
        IntStream.range(0, 600).mapToObj(i -> "word" + i).collect(Collectors.joining(" ")) + ".";
    assertThat(splitter.split(sentence + " Next one.")).containsExactly(sentence, "Next one.");
  }
}
