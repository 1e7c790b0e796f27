package io.precis.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.Chunk;
import io.precis.routing.embed.Embedders;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BucketRoutingPolicyTest {
  static final String PROSE =
      "Our neighbourhood choir meets every Thursday evening in the church hall. New singers are"
          + " always welcome, whether or not they read music, and the first rehearsal is free.";
  static final String TABLE =
      "Region | Q1 units | Q2 units\nNorth | 1,240 | 1,410\nSouth | 980 | 1,020\nWest | 1,515 | 1,388";
  static final String CALCULATION =
      "Operating profit was $2.4 million on revenue of $16.0 million, a margin of 15%. After"
          + " depreciation of $0.6 million and interest of $0.3 million, net income is $1.1"
          + " million.";
  static final String CLAUSE =
      "The Licensee shall not sublicense or assign the rights granted under this Agreement without"
          + " the prior written consent of the Licensor; any assignment in breach of this clause"
          + " shall be void.";

  private static BucketRoutingPolicy policy(String... overrides) {
    return BucketRoutingPolicy.from(
        PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of(overrides))));
  }

  private static Route route(BucketRoutingPolicy policy, String text, String feature) {
    return policy.route(Chunk.of("doc", 0, text, 50), feature, null);
  }

  @Test
  void aChunkGetsTheTiersOfItsBucket() {
    BucketRoutingPolicy policy = policy();

    Route prose = route(policy, PROSE, "default");
    Route table = route(policy, TABLE, "default");
    Route clause = route(policy, CLAUSE, "default");

    assertThat(prose.bucket()).isEqualTo("simple");
    assertThat(prose.tiers()).containsExactly("cheap", "premium");
    assertThat(prose.tier()).isEqualTo("cheap");
    assertThat(prose.reason()).matches("simple [01]\\.\\d\\d \\(no embedding\\).*");
    assertThat(table.bucket()).isEqualTo("extraction");
    assertThat(table.tiers()).containsExactly("cheap", "premium");
    assertThat(clause.bucket()).isEqualTo("complex");
    assertThat(clause.tiers()).containsExactly("premium");
  }

  @Test
  void financialContentIsPinnedToPremiumWhateverItsBucket() {
    Route route = route(policy(), CALCULATION, "default");

    assertThat(route.tiers()).containsExactly("premium");
    assertThat(route.reason())
        .matches(
            "pinned by content=financial \\(\\d+ financial terms, \\d+ currency/percent marks,"
                + " numbers 0\\.\\d\\d\\); "
                + route.bucket()
                + " [01]\\.\\d\\d .*");
  }

  @Test
  void aFeaturePinSendsEveryChunkOfTheFeatureToItsTiers() {
    BucketRoutingPolicy policy = policy();

    Route legal = route(policy, PROSE, "legal");

    assertThat(legal.bucket()).isEqualTo("simple");
    assertThat(legal.tiers()).containsExactly("premium");
    assertThat(legal.reason()).matches("pinned by feature=legal; simple [01]\\.\\d\\d .*");
    assertThat(route(policy, PROSE, "support").tiers()).containsExactly("cheap", "premium");
  }

  @Test
  void theFirstPinThatMatchesWins() {
    BucketRoutingPolicy policy =
        policy(
            "routing.pins=[{feature = contracts, content = legal, tiers = [premium]},"
                + " {feature = contracts, tiers = [cheap]}]",
            "routing.buckets.complex=[premium, cheap]");

    assertThat(route(policy, CLAUSE, "contracts").tiers()).containsExactly("premium");
    assertThat(route(policy, CLAUSE, "contracts").reason())
        .startsWith("pinned by feature=contracts content=legal (");
    assertThat(route(policy, TABLE, "contracts").tiers()).containsExactly("cheap");
    // No pin for other features: the bucket's tiers, in their order.
    assertThat(route(policy, CLAUSE, "support").tiers()).containsExactly("premium", "cheap");
    // Without pins, financial content goes where its bucket goes.
    assertThat(route(policy("routing.pins=[]"), CALCULATION, "legal").reason())
        .doesNotContain("pinned");
  }

  @Test
  void anEmbeddingBringsTheNeighboursIn() {
    PrecisSettings settings = PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of()));
    BucketRoutingPolicy policy = BucketRoutingPolicy.from(settings);
    float[] vector =
        Embedders.shared(settings.embedder(), System::getenv).embed(List.of(TABLE)).get(0);

    Route route = policy.route(Chunk.of("doc", 0, TABLE, 50), "default", vector);

    assertThat(route.bucket()).isEqualTo("extraction");
    assertThat(route.reason()).contains(" of 5 nearest are extraction, closest ");
  }

  @Test
  void policiesOfTheSameSettingsShareOneClassifier() {
    assertThat(policy().classifier()).isSameAs(policy().classifier());
    assertThat(policy("routing.k=3").classifier()).isNotSameAs(policy().classifier());
    // Tiers and pins are not the classifier's: they do not make another one.
    assertThat(policy("routing.pins=[]").classifier()).isSameAs(policy().classifier());
  }
}
