package io.precis.summarize.check;

import static io.precis.summarize.check.Passages.FINANCIAL;
import static io.precis.summarize.check.Passages.LICENCE;
import static io.precis.summarize.check.Passages.TUTORIAL;
import static io.precis.summarize.check.Passages.WORDS;
import static io.precis.summarize.check.Passages.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.config.CheckSettings;
import io.precis.routing.embed.Embedder;
import io.precis.routing.embed.MiniLmEmbedder;
import io.precis.testkit.sim.QualityRule.Behaviour;
import io.precis.testkit.sim.SimulatedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The faithfulness check with the in-process MiniLM at the shipped threshold. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaithfulnessCheckTest {
  private Embedder minilm;
  private ResolutionChecks checks;

  @BeforeAll
  void load() {
    minilm = new MiniLmEmbedder();
    checks = new ResolutionChecks(Passages.settings(), minilm);
  }

  @AfterAll
  void close() {
    minilm.close();
  }

  static Stream<String> passages() {
    return Passages.ALL.stream();
  }

  @ParameterizedTest
  @MethodSource("passages")
  void aFaithfulAnswerPassesWithItsCosine(String source) {
    CheckOutcome outcome = checks.check(source, answer(source, null), WORDS);

    assertThat(outcome.passed()).as(outcome.toString()).isTrue();
    assertThat(outcome.faithfulness()).isPresent();
    assertThat(outcome.faithfulness().getAsDouble())
        .isGreaterThanOrEqualTo(checks.settings().faithfulnessThreshold());
  }

  @ParameterizedTest
  @MethodSource("passages")
  void anOffTopicAnswerFailsOnlyTheFaithfulnessCheck(String source) {
    CheckOutcome outcome = checks.check(source, answer(source, Behaviour.OFF_TOPIC), WORDS);

    assertThat(outcome.failed()).hasValue(Check.UNFAITHFUL);
    assertThat(outcome.detail())
        .matches("UNFAITHFUL: cosine -?0\\.\\d{3} to the source, below 0\\.\\d{3}");
    assertThat(outcome.faithfulness().getAsDouble())
        .isLessThan(checks.settings().faithfulnessThreshold());
  }

  @Test
  void theAnswerToAnotherPassageFails() {
    // Names and numbers off, so that only the embeddings judge.
    ResolutionChecks meaningOnly =
        new ResolutionChecks(
            Passages.settings("checks.numbers=false", "checks.entities=false"), minilm);

    assertThat(meaningOnly.check(FINANCIAL, answer(TUTORIAL, null), WORDS).failed())
        .hasValue(Check.UNFAITHFUL);
    assertThat(meaningOnly.check(TUTORIAL, answer(LICENCE, null), WORDS).failed())
        .hasValue(Check.UNFAITHFUL);
  }

  /** Counts what it is asked to embed; vectors from the simulator's hashing embedder. */
  private static final class CountingEmbedder implements Embedder {
    final List<Integer> batches = new ArrayList<>();

    @Override
    public String id() {
      return "test/hashing";
    }

    @Override
    public int dimensions() {
      return 384;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      batches.add(texts.size());
      return texts.stream().map(t -> SimulatedModel.embed(t, 384)).toList();
    }
  }

  @Test
  void theEmbeddingCheckRunsLastAndEmbedsTheSourceOnce() {
    CountingEmbedder counting = new CountingEmbedder();
    // The hashing vectors give the faithful answers about 0.8, the off-topic one about 0.4.
    ResolutionChecks counted =
        new ResolutionChecks(Passages.settings("checks.faithfulness-threshold=0.6"), counting);

    assertThat(counted.check(FINANCIAL, "", WORDS).failed()).hasValue(Check.EMPTY);
    assertThat(
            counted.check(FINANCIAL, answer(FINANCIAL, Behaviour.INVENT_NUMBERS), WORDS).failed())
        .hasValue(Check.INVENTED_NUMBER);
    assertThat(counting.batches).as("no embedding when a cheaper check failed").isEmpty();

    SourceText source = SourceText.of(FINANCIAL);
    assertThat(counted.check(source, answer(FINANCIAL, null), WORDS).faithfulness()).isPresent();
    assertThat(counted.check(source, answer(FINANCIAL, Behaviour.OFF_TOPIC), WORDS).failed())
        .hasValue(Check.UNFAITHFUL);
    assertThat(counting.batches)
        .as("answer and source, then the answer only")
        .containsExactly(2, 1);

    SourceText given = SourceText.of(TUTORIAL).withVector(SimulatedModel.embed(TUTORIAL, 384));
    counted.check(given, answer(TUTORIAL, null), WORDS);
    assertThat(counting.batches).containsExactly(2, 1, 1);
  }

  @Test
  void noEmbedderOrAZeroThresholdSkipsTheCheck() {
    CountingEmbedder counting = new CountingEmbedder();
    CheckSettings off = Passages.settings("checks.faithfulness-threshold=0");

    assertThat(new ResolutionChecks(off, counting).checksFaithfulness()).isFalse();
    assertThat(new ResolutionChecks(Passages.settings()).checksFaithfulness()).isFalse();
    assertThat(checks.checksFaithfulness()).isTrue();
    CheckOutcome outcome =
        new ResolutionChecks(off, counting)
            .check(FINANCIAL, answer(FINANCIAL, Behaviour.OFF_TOPIC), WORDS);
    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.faithfulness()).isEmpty();
    assertThat(counting.batches).isEmpty();
  }
}
