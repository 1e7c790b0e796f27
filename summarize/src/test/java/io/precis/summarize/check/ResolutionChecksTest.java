package io.precis.summarize.check;

import static io.precis.summarize.check.Passages.FINANCIAL;
import static io.precis.summarize.check.Passages.LICENCE;
import static io.precis.summarize.check.Passages.TUTORIAL;
import static io.precis.summarize.check.Passages.WORDS;
import static io.precis.summarize.check.Passages.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.precis.testkit.sim.QualityRule;
import io.precis.testkit.sim.QualityRule.Behaviour;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lexical checks (no embedder) against the simulator's answers and hand-written ones. */
class ResolutionChecksTest {
  private final ResolutionChecks checks = new ResolutionChecks(Passages.settings());

  private CheckOutcome check(String source, String answer) {
    return checks.check(source, answer, WORDS);
  }

  static Stream<String> passages() {
    return Passages.ALL.stream();
  }

  @ParameterizedTest
  @MethodSource("passages")
  void theSimulatorsFaithfulAnswerPassesEveryCheck(String source) {
    String answer = answer(source, null);

    CheckOutcome outcome = check(source, answer);

    assertThat(outcome.passed()).as(outcome.toString()).isTrue();
    assertThat(outcome.failed()).isEmpty();
    assertThat(outcome.detail()).isEmpty();
    assertThat(outcome.summary()).isEqualTo(answer);
    assertThat(outcome.faithfulness()).as("no embedder, no faithfulness").isEmpty();
  }

  static Stream<Arguments> badAnswers() {
    return Stream.of(
            Arguments.of(Behaviour.EMPTY, Check.EMPTY, "EMPTY: the answer is empty"),
            Arguments.of(Behaviour.REFUSE, Check.REFUSAL, "REFUSAL: says \"I'm sorry\""),
            Arguments.of(Behaviour.IGNORE_WORD_LIMIT, Check.TOO_LONG, "more than 90 (60 x 1.5)"),
            Arguments.of(Behaviour.INVENT_NUMBERS, Check.INVENTED_NUMBER, "not in the source"),
            Arguments.of(
                Behaviour.INVENT_ENTITY,
                Check.INVENTED_ENTITY,
                "INVENTED_ENTITY: Northwind Analytics not in the source"))
        .flatMap(
            a ->
                Passages.ALL.stream()
                    .map(p -> Arguments.of(p, a.get()[0], a.get()[1], a.get()[2])));
  }

  @ParameterizedTest
  @MethodSource("badAnswers")
  void eachBadAnswerOfTheSimulatorFailsItsCheck(
      String source, Behaviour behaviour, Check expected, String detail) {
    String answer = answer(source, behaviour);

    CheckOutcome outcome = check(source, answer);

    assertThat(outcome.failed()).as(answer).contains(expected);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).startsWith(expected.name() + ": ").contains(detail);
    assertThat(outcome.detail().length()).isLessThanOrEqualTo(130);
  }

  @Test
  void anInventedFigureIsNamedInTheDetail() {
    String answer = answer(FINANCIAL, Behaviour.INVENT_NUMBERS);

    assertThat(answer).endsWith("Revenue grew 137.5% to $4,812,309.");
    assertThat(check(FINANCIAL, answer).detail())
        .isEqualTo("INVENTED_NUMBER: $4,812,309, 137.5% not in the source");
  }

  @Test
  void theInventedEntityAvoidsNamesOfTheSource() {
    String source = FINANCIAL + " Northwind Analytics was not involved.";

    String answer = answer(source, Behaviour.INVENT_ENTITY);

    assertThat(answer).endsWith("The figures were audited by Contoso Holdings.");
    assertThat(ResolutionChecks.countWords(answer)).isLessThanOrEqualTo(WORDS);
    assertThat(check(source, answer).detail())
        .isEqualTo("INVENTED_ENTITY: Contoso Holdings not in the source");
  }

  @ParameterizedTest
  @MethodSource("passages")
  void anOffTopicAnswerPassesEveryLexicalCheck(String source) {
    // It has no figure and no name: only the faithfulness check (FaithfulnessCheckTest) sees it.
    String answer = answer(source, Behaviour.OFF_TOPIC);

    assertThat(answer).isEqualTo(QualityRule.OFF_TOPIC_ANSWER);
    assertThat(check(source, answer).passed()).isTrue();
  }

  @Test
  void aShortAnswerFailsOnlyForALongSource() {
    String terse = "Quarterly results of Northgate Logistics.";

    assertThat(check(FINANCIAL, terse).detail())
        .matches("TOO_SHORT: 5 words for a source of \\d+, fewer than 8");
    assertThat(check("Northgate Logistics published its quarterly results.", terse).passed())
        .isTrue();
    assertThat(checks.check(FINANCIAL, terse, 5).passed())
        .as("a word limit of 5 makes 5 words enough")
        .isTrue();
    assertThat(
            new ResolutionChecks(Passages.settings("checks.min-words=0"))
                .check(FINANCIAL, terse, WORDS)
                .passed())
        .isTrue();
  }

  @Test
  void tooLongIsMoreThanTheLimitTimesTheFactor() {
    String ninety = TUTORIAL.replaceAll("[^a-z ]", "").strip();
    String[] words = ninety.split(" +");
    String atLimit = String.join(" ", java.util.Arrays.copyOf(words, 90));
    String overLimit = String.join(" ", java.util.Arrays.copyOf(words, 91));

    assertThat(check(TUTORIAL, atLimit).passed()).isTrue();
    assertThat(check(TUTORIAL, overLimit).detail())
        .isEqualTo("TOO_LONG: 91 words, more than 90 (60 x 1.5)");
    assertThat(checks.check(TUTORIAL, overLimit, 0).passed()).as("no limit").isTrue();
  }

  @Test
  void aRefusalIsFoundAtTheStartOrWhereOnlyAModelSpeaks() {
    assertThat(check(FINANCIAL, "As an AI, I cannot summarize financial documents.").failed())
        .contains(Check.REFUSAL);
    assertThat(check(FINANCIAL, "\"I can't do that with this text, it seems.\"").failed())
        .contains(Check.REFUSAL);
    assertThat(
            check(
                    FINANCIAL,
                    "Northgate Logistics grew revenue 12.46% to $48.2 million. As an AI language"
                        + " model, I cannot judge the outlook.")
                .detail())
        .isEqualTo("REFUSAL: says \"As an AI\"");
  }

  @Test
  void aSummaryReportingARefusalInTheTextIsNoRefusal() {
    String source =
        "The tenant wrote to the landlord on 3 June: I cannot help with the repairs this month,"
            + " and I'm sorry for the delay. The landlord replied that the lease requires the"
            + " tenant to report damage within 14 days and that a contractor would visit.";

    assertThat(
            check(source, "The tenant said she cannot help with the repairs this month.").passed())
        .isTrue();
    assertThat(
            check(source, "I cannot help with the repairs this month, the tenant wrote on 3 June.")
                .passed())
        .as("a quote of the source")
        .isTrue();
    assertThat(check(source, "I'm sorry, but I can't help with summarizing this content.").failed())
        .as("\"I'm sorry\" is in the source, \"I can't help with\" is not")
        .contains(Check.REFUSAL);
  }

  @Test
  void sentenceInitialCapitalisedWordsAreNoNames() {
    String answer =
        "Shareholders welcomed the results. Meanwhile, revenue rose 12.46% to $48.2 million."
            + " Northgate opened three depots. Electric vans take most of the $30 million.";

    assertThat(check(FINANCIAL, answer).passed()).as(check(FINANCIAL, answer).detail()).isTrue();
    assertThat(
            check(
                    FINANCIAL,
                    "The quarterly results were welcomed by Shareholders Trust and analysts.")
                .detail())
        .isEqualTo("INVENTED_ENTITY: Shareholders Trust not in the source");
  }

  @Test
  void namesMatchWithoutCaseSuffixesOrSpellingOfCodes() {
    assertThat(check(TUTORIAL, "The PSF releases a new version of Python every October.").passed())
        .as("an acronym of words of the source")
        .isTrue();
    assertThat(
            check(LICENCE, "The OSI publishes the mit license, which grants broad rights.")
                .passed())
        .isTrue();
    assertThat(
            check(FINANCIAL, "NORTHGATE LOGISTICS Inc and Meridian Securities Ltd were named.")
                .passed())
        .isTrue();
    assertThat(
            check(TUTORIAL, "The interpreter suggests imports in Python3.12 for undefined names.")
                .passed())
        .isTrue();
    assertThat(
            check(TUTORIAL, "The PSF and the ASF maintain the Python language together.").detail())
        .isEqualTo("INVENTED_ENTITY: ASF not in the source");
    assertThat(
            check(TUTORIAL, "Python 3.13 makes f-strings more flexible for every user.").failed())
        .as("a version the source does not have")
        .contains(Check.INVENTED_NUMBER);
  }

  @Test
  void aYearOfADateOfTheSourcePassesAndAnotherYearFails() {
    assertThat(
            check(FINANCIAL, "In 2024 Northgate Logistics grew revenue to $48.2 million.").passed())
        .isTrue();
    assertThat(
            check(FINANCIAL, "By March 2024 Northgate Logistics grew revenue by 12.46%.").passed())
        .isTrue();
    assertThat(
            check(FINANCIAL, "On March 31 Northgate Logistics reported revenue of $48.2 million.")
                .passed())
        .isTrue();
    assertThat(
            check(FINANCIAL, "In 2022 Northgate Logistics grew revenue to $48.2 million.").detail())
        .isEqualTo("INVENTED_NUMBER: 2022 not in the source");
    assertThat(
            check(FINANCIAL, "On April 30 Northgate Logistics reported revenue of $48.2 million.")
                .detail())
        .isEqualTo("INVENTED_NUMBER: date 04-30 not in the source");
  }

  @Test
  void spellingsOfOneFigurePassAndOtherFiguresFail() {
    // "$48.2 million", "$3,150,000", "1,284,000 parcels", "12.46%", "three depots".
    assertThat(check(FINANCIAL, "Revenue was $48,200,000 and fuel costs fell by $3.15m.").passed())
        .isTrue();
    assertThat(check(FINANCIAL, "Northgate handled 1284000 parcels and opened 3 depots.").passed())
        .isTrue();
    assertThat(check(FINANCIAL, "Revenue was 48.2 million dollars, up 12.46 percent.").passed())
        .isTrue();
    assertThat(check(FINANCIAL, "Revenue was 48.2 million, with net debt at 112 million.").passed())
        .as("an answer may leave the currency out")
        .isTrue();
    assertThat(check(FINANCIAL, "Revenue was €48.2 million in the quarter, up by 12.46%.").detail())
        .as("but not change it")
        .isEqualTo("INVENTED_NUMBER: €48,200,000 not in the source");
    assertThat(check(FINANCIAL, "Revenue was $48.3 million in the quarter, up by 12.46%.").detail())
        .isEqualTo("INVENTED_NUMBER: $48,300,000 not in the source");
    assertThat(check(FINANCIAL, "Northgate handled 1284 thousand parcels and 112% more.").detail())
        .as("112 is in the source, 112% is not")
        .isEqualTo("INVENTED_NUMBER: 112% not in the source");
  }

  @Test
  void aFigureRoundedToTwoSignificantDigitsPasses() {
    String source = "The register lists 4,812,309 voters, 12.46% of them new, in 483 towns.";

    assertThat(check(source, "It lists 4.81 million voters, 12.5% of them new.").passed()).isTrue();
    assertThat(check(source, "It lists about 4.8 million voters in the register.").passed())
        .isTrue();
    assertThat(check(source, "It lists 4,812,000 voters, 12% of them new.").detail())
        .as("12 has no decimals and is under 1,000: not a rounding")
        .isEqualTo("INVENTED_NUMBER: 12% not in the source");
    assertThat(check(source, "It lists 5 million voters in the register.").detail())
        .as("one significant digit is too coarse")
        .isEqualTo("INVENTED_NUMBER: 5,000,000 not in the source");
    assertThat(check(source, "It lists 4.9 million voters in the register.").failed())
        .contains(Check.INVENTED_NUMBER);
    assertThat(check(source, "The voters live in about 480 towns of the region.").failed())
        .as("small integers are not rounded")
        .contains(Check.INVENTED_NUMBER);
  }

  @Test
  void ordinalsCountsAndListMarkersAreNoInventedFigures() {
    assertThat(check(FINANCIAL, "The acquisition is planned for the 3rd quarter of 2024.").passed())
        .as("3rd for \"third quarter\"")
        .isTrue();
    assertThat(
            check(LICENCE, "The licence sets three conditions and disclaims all warranties.")
                .passed())
        .as("a count written as a word")
        .isTrue();
    assertThat(
            check(LICENCE, "The licence sets 4 conditions and disclaims all warranties.").detail())
        .isEqualTo("INVENTED_NUMBER: 4 not in the source");
    assertThat(
            check(
                    TUTORIAL,
                    "1. Python 3.12 makes f-strings more flexible.\n"
                        + "2. Error messages suggest missing imports.\n"
                        + "3. A program counts the values of a CSV file of 500 rows.")
                .passed())
        .isTrue();
  }

  @Test
  void aDocumentNameMayBeNamed() {
    String answer = "The Annual Report 2023 says Northgate Logistics grew revenue by 12.46%.";

    assertThat(check(FINANCIAL.replace("2023", "the year before"), answer).failed())
        .contains(Check.INVENTED_NUMBER);
    assertThat(
            checks
                .check(
                    SourceText.of(
                        FINANCIAL.replace("2023", "the year before"), "annual_report-2023.pdf"),
                    answer,
                    WORDS)
                .passed())
        .isTrue();
  }

  @Test
  void checksThatAreOffDoNotFail() {
    ResolutionChecks lenient =
        new ResolutionChecks(Passages.settings("checks.numbers=false", "checks.entities=false"));
    ResolutionChecks off = new ResolutionChecks(Passages.settings("checks.enabled=false"));

    assertThat(
            lenient.check(FINANCIAL, answer(FINANCIAL, Behaviour.INVENT_NUMBERS), WORDS).passed())
        .isTrue();
    assertThat(lenient.check(FINANCIAL, answer(FINANCIAL, Behaviour.INVENT_ENTITY), WORDS).passed())
        .isTrue();
    assertThat(lenient.check(FINANCIAL, "", WORDS).failed()).contains(Check.EMPTY);
    assertThat(off.check(FINANCIAL, "", WORDS).passed()).isTrue();
    assertThat(off.check(FINANCIAL, QualityRule.REFUSAL, WORDS).passed()).isTrue();
  }
}
