package io.precis.routing.dedupe;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Picks the representatives of a graph of verified similarity edges, so that every duplicate is
 * itself verified similar to its representative (no chaining through a third chunk) and the outcome
 * depends only on the edges, never on the order work arrived in.
 *
 * <p>The rule is greedy in chunk-id order: a chunk is a duplicate when one of its neighbours with a
 * smaller id is a representative, and a representative when none is. Decided in rounds: a chunk
 * with no smaller neighbour is a representative from the start; in each round a chunk whose smaller
 * neighbours include a representative becomes a duplicate of the most similar one (ties: the
 * smaller id), and a chunk whose smaller neighbours are all duplicates becomes a representative.
 * Decisions never change once made, so every round is a pure function of the previous one. After
 * {@code rounds} rounds a chunk still undecided (its neighbour chain is deeper than the rounds) is
 * a representative: summarized once more, never wrongly a duplicate.
 */
public final class RepresentativeRule {
  /** Rounds the dedupe runs; deeper chains end as representatives. */
  public static final int ROUNDS = 3;

  private RepresentativeRule() {}

  /** Where a chunk stands. */
  public enum State {
    REPRESENTATIVE,
    DUPLICATE,
    UNDECIDED
  }

  /** A neighbour of a chunk with a smaller id, its similarity to the chunk, and its state. */
  public record Neighbour(String id, double similarity, State state) implements Serializable {}

  /**
   * What became of a chunk.
   *
   * @param duplicateOf the representative, for a duplicate; null otherwise
   * @param similarity the similarity to the representative, for a duplicate; 0 otherwise
   */
  public record Verdict(State state, String duplicateOf, double similarity)
      implements Serializable {
    public static final Verdict REPRESENTATIVE = new Verdict(State.REPRESENTATIVE, null, 0);
    public static final Verdict UNDECIDED = new Verdict(State.UNDECIDED, null, 0);

    public boolean duplicate() {
      return state == State.DUPLICATE;
    }
  }

  /** One round's decision for a chunk, from its neighbours of smaller id. */
  public static Verdict decide(Iterable<Neighbour> smallerNeighbours) {
    Neighbour best = null;
    boolean allDuplicates = true;
    for (Neighbour neighbour : smallerNeighbours) {
      if (neighbour.state() == State.REPRESENTATIVE) {
        if (best == null
            || neighbour.similarity() > best.similarity()
            || (neighbour.similarity() == best.similarity()
                && neighbour.id().compareTo(best.id()) < 0)) {
          best = neighbour;
        }
      } else if (neighbour.state() == State.UNDECIDED) {
        allDuplicates = false;
      }
    }
    if (best != null) {
      return new Verdict(State.DUPLICATE, best.id(), best.similarity());
    }
    return allDuplicates ? Verdict.REPRESENTATIVE : Verdict.UNDECIDED;
  }

  /**
   * The rule on a whole edge list in memory: the verdict of every chunk that has an edge, sorted by
   * id (chunks without an edge are representatives). The Spark stage computes the same rounds with
   * joins; this version serves tests and benchmarks.
   */
  public static Map<String, Verdict> resolve(Collection<SimilarityEdge> edges, int rounds) {
    Map<String, List<SimilarityEdge>> smaller = new HashMap<>();
    Map<String, Verdict> verdicts = new TreeMap<>();
    for (SimilarityEdge edge : edges) {
      smaller.computeIfAbsent(edge.larger(), k -> new ArrayList<>()).add(edge);
      verdicts.put(edge.smaller(), Verdict.REPRESENTATIVE);
    }
    for (String id : smaller.keySet()) {
      verdicts.put(id, Verdict.UNDECIDED);
    }
    for (int round = 0; round < rounds; round++) {
      Map<String, Verdict> next = new TreeMap<>(verdicts);
      for (Map.Entry<String, List<SimilarityEdge>> entry : smaller.entrySet()) {
        List<Neighbour> neighbours = new ArrayList<>();
        for (SimilarityEdge edge : entry.getValue()) {
          neighbours.add(
              new Neighbour(
                  edge.smaller(), edge.similarity(), verdicts.get(edge.smaller()).state()));
        }
        next.put(entry.getKey(), decide(neighbours));
      }
      verdicts = next;
    }
    verdicts.replaceAll((id, v) -> v.state() == State.UNDECIDED ? Verdict.REPRESENTATIVE : v);
    return verdicts;
  }
}
