package io.precis.routing.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.routing.dedupe.RepresentativeRule.State;
import io.precis.routing.dedupe.RepresentativeRule.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RepresentativeRuleTest {
  @Test
  void aStarResolvesToItsCentre() {
    Map<String, Verdict> verdicts =
        RepresentativeRule.resolve(
            List.of(edge("a", "b", 0.9), edge("a", "c", 0.95), edge("d", "a", 0.99)), 3);
    assertThat(verdicts.get("a")).isEqualTo(Verdict.REPRESENTATIVE);
    assertThat(verdicts.get("b")).isEqualTo(new Verdict(State.DUPLICATE, "a", 0.9));
    assertThat(verdicts.get("c")).isEqualTo(new Verdict(State.DUPLICATE, "a", 0.95));
    assertThat(verdicts.get("d")).isEqualTo(new Verdict(State.DUPLICATE, "a", 0.99));
  }

  @Test
  void aChainNeverMakesADuplicateOfAChunkThroughAThird() {
    Map<String, Verdict> verdicts =
        RepresentativeRule.resolve(List.of(edge("a", "b", 0.9), edge("b", "c", 0.9)), 3);
    assertThat(verdicts.get("b").duplicateOf()).isEqualTo("a");
    assertThat(verdicts.get("c")).isEqualTo(Verdict.REPRESENTATIVE);
  }

  @Test
  void aLongerChainAlternatesInLaterRounds() {
    List<SimilarityEdge> chain =
        List.of(edge("a", "b", 0.9), edge("b", "c", 0.9), edge("c", "d", 0.9));
    Map<String, Verdict> verdicts = RepresentativeRule.resolve(chain, 3);
    assertThat(verdicts.get("c")).isEqualTo(Verdict.REPRESENTATIVE);
    assertThat(verdicts.get("d").duplicateOf()).isEqualTo("c");

    // One round decides b and c; d waits on c and ends, undecided, as a representative.
    Map<String, Verdict> oneRound = RepresentativeRule.resolve(chain, 1);
    assertThat(oneRound.get("b").duplicateOf()).isEqualTo("a");
    assertThat(oneRound.get("c")).isEqualTo(Verdict.REPRESENTATIVE);
    assertThat(oneRound.get("d")).isEqualTo(Verdict.REPRESENTATIVE);
  }

  @Test
  void theMostSimilarRepresentativeWinsThenTheSmallerId() {
    Map<String, Verdict> verdicts =
        RepresentativeRule.resolve(
            List.of(edge("a", "z", 0.91), edge("b", "z", 0.97), edge("c", "y", 0.93)), 3);
    assertThat(verdicts.get("z")).isEqualTo(new Verdict(State.DUPLICATE, "b", 0.97));

    verdicts = RepresentativeRule.resolve(List.of(edge("b", "z", 0.95), edge("a", "z", 0.95)), 3);
    assertThat(verdicts.get("z").duplicateOf()).isEqualTo("a");
  }

  /**
   * On random graphs: every duplicate has a direct edge to its representative, representatives are
   * never duplicates, edge order does not matter, and with enough rounds the rule is the sequential
   * greedy pass in id order.
   */
  @Test
  void randomGraphsKeepTheInvariants() {
    Random random = new Random(5);
    for (int graph = 0; graph < 200; graph++) {
      int nodes = 2 + random.nextInt(30);
      List<SimilarityEdge> edges = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int e = random.nextInt(nodes * 3); e > 0; e--) {
        int x = random.nextInt(nodes);
        int y = random.nextInt(nodes);
        if (x != y && seen.add(Math.min(x, y) + "-" + Math.max(x, y))) {
          edges.add(edge(id(x), id(y), 0.8 + random.nextInt(20) / 100.0));
        }
      }
      Map<String, Verdict> verdicts = RepresentativeRule.resolve(edges, 3);
      Map<String, Double> similarity = new HashMap<>();
      edges.forEach(e -> similarity.put(e.smaller() + "|" + e.larger(), e.similarity()));
      verdicts.forEach(
          (id, verdict) -> {
            assertThat(verdict.state()).isNotEqualTo(State.UNDECIDED);
            if (verdict.duplicate()) {
              assertThat(verdicts.get(verdict.duplicateOf())).isEqualTo(Verdict.REPRESENTATIVE);
              assertThat(similarity.get(verdict.duplicateOf() + "|" + id))
                  .isEqualTo(verdict.similarity());
            }
          });

      List<SimilarityEdge> shuffled = new ArrayList<>(edges);
      Collections.shuffle(shuffled, random);
      assertThat(RepresentativeRule.resolve(shuffled, 3)).isEqualTo(verdicts);

      Map<String, Verdict> unbounded = RepresentativeRule.resolve(edges, nodes);
      assertThat(representatives(unbounded)).isEqualTo(sequentialGreedy(edges));
    }
  }

  private static Set<String> representatives(Map<String, Verdict> verdicts) {
    Set<String> ids = new TreeSet<>();
    verdicts.forEach(
        (id, v) -> {
          if (!v.duplicate()) {
            ids.add(id);
          }
        });
    return ids;
  }

  private static Set<String> sequentialGreedy(List<SimilarityEdge> edges) {
    TreeSet<String> ids = new TreeSet<>();
    Map<String, Set<String>> neighbours = new HashMap<>();
    for (SimilarityEdge e : edges) {
      ids.add(e.smaller());
      ids.add(e.larger());
      neighbours.computeIfAbsent(e.larger(), k -> new HashSet<>()).add(e.smaller());
    }
    Set<String> representatives = new TreeSet<>();
    for (String id : ids) {
      Set<String> smaller = neighbours.getOrDefault(id, Set.of());
      if (Collections.disjoint(smaller, representatives)) {
        representatives.add(id);
      }
    }
    return representatives;
  }

  private static String id(int n) {
    return String.format("c%03d", n);
  }

  private static SimilarityEdge edge(String a, String b, double similarity) {
    return SimilarityEdge.of(a, b, similarity);
  }
}
