package io.precis.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.precis.testkit.sim.QualityRule.Behaviour;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SimulatedModelTest {

  @Test
  void tokensAreTheUtf16LengthDividedByFourRoundedUp() {
    assertThat(SimulatedModel.tokens("")).isZero();
    assertThat(SimulatedModel.tokens("a")).isEqualTo(1);
    assertThat(SimulatedModel.tokens("abcd")).isEqualTo(1);
    assertThat(SimulatedModel.tokens("abcde")).isEqualTo(2);
    assertThat(SimulatedModel.tokens("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00")).isEqualTo(2);
  }

  @Test
  void summarizesWhatFollowsTheFirstBlankLine() {
    String message = "Summarize this text.\n\nThe cat sat.  It purred!\n\nThen it  slept?";

    assertThat(SimulatedModel.summarize(message, 128))
        .isEqualTo("The cat sat. It purred! Then it slept?");
  }

  @Test
  void summarizesTheWholeMessageWithoutABlankLine() {
    assertThat(SimulatedModel.summarize("One fact.\nAnother\tfact.", 128))
        .isEqualTo("One fact. Another fact.");
  }

  @Test
  void keepsTheFirstSentencesThatFitTheBudget() {
    String text = "One two three. Four five six. Seven eight.";

    assertThat(SimulatedModel.summarize(text, 4)).isEqualTo("One two three.");
    assertThat(SimulatedModel.answer(text, 4).truncated()).isTrue();
    assertThat(SimulatedModel.summarize(text, 8)).isEqualTo("One two three. Four five six.");
    assertThat(SimulatedModel.answer(text, 11).truncated()).isFalse();
  }

  @Test
  void cutsATooLongFirstSentenceAtAWordBoundary() {
    SimulatedModel.Answer answer = SimulatedModel.answer("Alpha beta gamma delta epsilon.", 3);

    assertThat(answer.text()).isEqualTo("Alpha beta");
    assertThat(answer.truncated()).isTrue();
    assertThat(SimulatedModel.tokens(answer.text())).isLessThanOrEqualTo(3);
  }

  @Test
  void cutsAWordLongerThanTheBudget() {
    assertThat(SimulatedModel.summarize("Supercalifragilistic.", 2)).isEqualTo("Supercal");
  }

  @Test
  void answersThatAnEmptyTextIsEmpty() {
    assertThat(SimulatedModel.summarize("", 128)).isEqualTo(SimulatedModel.EMPTY_TEXT_ANSWER);
    assertThat(SimulatedModel.summarize("Summarize:\n\n  \n ", 128))
        .isEqualTo("The text is empty.");
  }

  @Test
  void rejectsABudgetBelowOneToken() {
    assertThatThrownBy(() -> SimulatedModel.summarize("Text.", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTokens is 0 but must be at least 1");
  }

  @Test
  void piecesJoinBackToTheAnswer() {
    String answer = "The cat sat. It purred!";

    List<String> pieces = SimulatedModel.pieces(answer);

    assertThat(pieces).containsExactly("The ", "cat ", "sat. ", "It ", "purred!");
    assertThat(String.join("", pieces)).isEqualTo(answer);
    assertThat(SimulatedModel.pieces("")).isEmpty();
  }

  @Test
  void qualityRulesChangeTheAnswerOfMatchingModelsOnNumericTexts() {
    List<QualityRule> rules = List.of(QualityRule.badAtNumbers("^small", 0.3, Behaviour.REFUSE));
    String numbers = "Figures:\n\nQ1 1200 3400 5600. Q2 7800 9100.";

    assertThat(SimulatedModel.answer("small:1b", numbers, 128, rules).text())
        .isEqualTo(QualityRule.REFUSAL);
    assertThat(SimulatedModel.answer("large:70b", numbers, 128, rules).text())
        .isEqualTo(SimulatedModel.summarize(numbers, 128));
    assertThat(SimulatedModel.answer("small:1b", "Plain words here.", 128, rules).text())
        .isEqualTo("Plain words here.");
  }

  @Test
  void inventedFiguresAreAbsentFromTheSource() {
    String source = "Revenue grew 137.5% to $4,812,309 and then 144.8% to 5.812.312 units.";

    String sentence = SimulatedModel.inventedSentence(source);

    Matcher figures = Pattern.compile("\\d[\\d,.]*\\d").matcher(sentence);
    int found = 0;
    while (figures.find()) {
      found++;
      assertThat(source).doesNotContain(figures.group());
    }
    assertThat(found).isEqualTo(2);
    assertThat(SimulatedModel.inventedSentence("No numbers."))
        .isEqualTo("Revenue grew 137.5% to $4,812,309.");
  }

  @Test
  void inventNumbersAppendsTheFigureToTheFaithfulSummary() {
    List<QualityRule> rules =
        List.of(QualityRule.badAtNumbers(".*", 0.1, Behaviour.INVENT_NUMBERS));
    String message = "Summarize:\n\nSales were 4100 in 2023. Costs were 3900.";

    String answer = SimulatedModel.answer("any", message, 128, rules).text();

    assertThat(answer)
        .isEqualTo("Sales were 4100 in 2023. Costs were 3900. Revenue grew 137.5% to $4,812,309.");
  }

  @Test
  void embeddingsAreDeterministicUnitVectors() {
    float[] first = SimulatedModel.embed("The quick brown fox", 384);
    float[] again = SimulatedModel.embed("the QUICK brown fox!", 384);

    assertThat(first).hasSize(384);
    assertThat(norm(first)).isCloseTo(1.0, within(1e-5));
    assertThat(again).containsExactly(first);
  }

  @Test
  void textsSharingWordsAreCloserThanUnrelatedTexts() {
    float[] fox = SimulatedModel.embed("the quick brown fox jumps over the lazy dog", 256);
    float[] similar = SimulatedModel.embed("a quick brown fox sleeps under the lazy dog", 256);
    float[] unrelated = SimulatedModel.embed("quarterly revenue rose in europe", 256);

    assertThat(cosine(fox, similar)).isGreaterThan(0.5);
    assertThat(cosine(fox, similar)).isGreaterThan(cosine(fox, unrelated) + 0.3);
  }

  @Test
  void textsWithoutWordsGetOneFixedUnitVector() {
    float[] empty = SimulatedModel.embed("", 16);

    assertThat(norm(empty)).isCloseTo(1.0, within(1e-5));
    assertThat(SimulatedModel.embed("?! ...", 16)).containsExactly(empty);
  }

  static double norm(float[] vector) {
    return Math.sqrt(cosineSum(vector, vector));
  }

  static double cosine(float[] a, float[] b) {
    return cosineSum(a, b) / (norm(a) * norm(b));
  }

  private static double cosineSum(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  @Test
  void keepsToTheWordLimitItsInstructionsSet() {
    String message =
        "Summarize.\n\nThe depot in Rotterdam opened a second cross-dock in May. It handles"
            + " three hundred trucks a day. Staff were hired locally.";

    assertThat(SimulatedModel.wordLimit("Answer in at most 12 words, plain prose.")).isEqualTo(12);
    assertThat(SimulatedModel.wordLimit("Answer briefly.")).isEqualTo(Integer.MAX_VALUE);
    assertThat(SimulatedModel.answer("m", "Use at most 5 words.", message, 128, List.of()).text())
        .isEqualTo("The depot in Rotterdam opened");
    assertThat(SimulatedModel.answer("m", null, message, 128, List.of()).text())
        .isEqualTo(SimulatedModel.summarize(message, 128));
  }

  @Test
  void ignoreWordLimitRunsOnToTheTokenBudget() {
    String message =
        "Summarize.\n\nThe depot in Rotterdam opened 2 cross-docks in May. It handles"
            + " three hundred trucks a day.";
    List<QualityRule> rules =
        List.of(QualityRule.badAtNumbers("^verbose", 0.0, Behaviour.IGNORE_WORD_LIMIT));

    assertThat(SimulatedModel.answer("verbose", "Use at most 5 words.", message, 128, rules).text())
        .isEqualTo(
            "The depot in Rotterdam opened 2 cross-docks in May. It handles three hundred trucks"
                + " a day.");
    assertThat(SimulatedModel.answer("terse", "Use at most 5 words.", message, 128, rules).text())
        .isEqualTo("The depot in Rotterdam opened");
  }
}
