package io.precis.routing.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {
  @Test
  void paraphrasesScoreAsCalibratedAndVectorsHaveUnitLength() {
    try (Embedder embedder = new MiniLmEmbedder()) {
      List<float[]> vectors =
          embedder.embed(
              List.of(
                  "show me my invoices",
                  "list my recent invoices",
                  "the cat sat on the windowsill in the sun"));
      assertThat(vectors).hasSize(3).allSatisfy(v -> assertThat(v).hasSize(384));
      assertThat(Embedder.cosine(vectors.get(0), vectors.get(0))).isCloseTo(1.0, within(1e-5));
      double paraphrase = Embedder.cosine(vectors.get(0), vectors.get(1));
      double unrelated = Embedder.cosine(vectors.get(0), vectors.get(2));
      // The figure the issue quotes for MiniLM; far below the 0.94 quoted for other models.
      assertThat(paraphrase).isBetween(0.70, 0.82);
      assertThat(unrelated).isLessThan(0.3);
    }
  }

  @Test
  void batchesOnSeveralThreadsGiveTheVectorsOfOneByOne() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      texts.add(
          "Chunk " + i + " says the invoice of " + (i * 37) + " dollars is due in " + i + " days.");
    }
    try (Embedder batched = new MiniLmEmbedder(3, 2);
        Embedder single = new MiniLmEmbedder(1, 1)) {
      List<float[]> vectors = batched.embed(texts);
      assertThat(vectors).hasSize(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        float[] alone = single.embed(List.of(texts.get(i))).get(0);
        assertThat(vectors.get(i)).containsExactly(alone, within(1e-6f));
      }
    }
  }

  @Test
  void theWholeChunkCountsNotOnlyItsFirst128WordPieces() {
    // As LangChain4j ships it, the tokenizer cuts at 128 word pieces: these two would get the same
    // vector (cosine 1.0000) although their endings say opposite things.
    String start = "The licence grants permission to copy and modify the software. ".repeat(12);
    try (Embedder embedder = new MiniLmEmbedder()) {
      List<float[]> vectors =
          embedder.embed(
              List.of(
                  start + "It is free of charge.",
                  start
                      + "You must pay a fee of 200 dollars for every copy, and no modification"
                      + " is allowed at all."));
      assertThat(Embedder.cosine(vectors.get(0), vectors.get(1))).isLessThan(0.995);
    }
  }
}
