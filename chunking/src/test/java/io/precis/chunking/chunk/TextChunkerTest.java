package io.precis.chunking.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.config.ChunkingSettings;
import io.precis.core.model.Chunk;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextChunkerTest {
  private static final TokenCounter TOKENS = JtokkitTokenCounter.forEncoding("o200k_base");

  private static TextChunker chunker(int max, int overlap) {
    return new TextChunker(TOKENS, new ChunkingSettings(max, overlap, "o200k_base", 64, 5));
  }

  private static List<Chunk> chunk(String text, int max, int overlap) {
    return chunker(max, overlap).chunk("doc-1", text);
  }

  private static String sentence(int i) {
    return "Sentence number "
        + i
        + " describes the quarterly shipping volume of warehouse "
        + i
        + ".";
  }

  @Test
  void smallParagraphsArePackedWholeIntoOneChunk() {
    String text = "First paragraph here.\n\nSecond paragraph here.\n\n\nThird one.";
    List<Chunk> chunks = chunk(text, 64, 0);

    assertThat(chunks).hasSize(1);
    assertThat(chunks.get(0).text())
        .isEqualTo("First paragraph here.\n\nSecond paragraph here.\n\nThird one.");
    assertThat(chunks.get(0).tokens()).isEqualTo(TOKENS.count(chunks.get(0).text()));
  }

  @Test
  void paragraphsAreNotSplitWhenTheyFitInTheNextChunk() {
    String a =
        IntStream.range(0, 6).mapToObj(TextChunkerTest::sentence).collect(Collectors.joining(" "));
    String b =
        IntStream.range(6, 12).mapToObj(TextChunkerTest::sentence).collect(Collectors.joining(" "));
    List<Chunk> chunks = chunk(a + "\n\n" + b, TOKENS.count(a) + 5, 0);

    assertThat(chunks).extracting(Chunk::text).containsExactly(a, b);
  }

  @Test
  void noChunkEverExceedsTheMaximum() {
    String longParagraph =
        IntStream.range(0, 400)
            .mapToObj(TextChunkerTest::sentence)
            .collect(Collectors.joining(" "));
    String noSpaces = "x".repeat(5000) + "€".repeat(3000);
    String table =
        IntStream.range(0, 300)
            .mapToObj(i -> "| " + i + " | " + (i * 37 % 1000) + " | EUR " + (i * 1.5) + " |")
            .collect(Collectors.joining("\n"));
    String cjk = "東京都の倉庫は毎日三千件の荷物を出荷します。".repeat(200);
    String text = String.join("\n\n", longParagraph, noSpaces, table, cjk, "Tail.");

    for (int max : new int[] {16, 50, 128, 512}) {
      for (int overlap : new int[] {0, max / 4}) {
        List<Chunk> chunks = chunk(text, max, overlap);
        assertThat(chunks).isNotEmpty();
        for (Chunk c : chunks) {
          assertThat(TOKENS.count(c.text()))
              .as("chunk %d at max %d overlap %d", c.ordinal(), max, overlap)
              .isLessThanOrEqualTo(max)
              .isEqualTo(c.tokens());
          assertThat(c.text()).isNotBlank();
        }
        assertThat(chunks.get(chunks.size() - 1).text()).endsWith("Tail.");
      }
    }
  }

  @Test
  void withoutOverlapEveryWordAppearsOnceAndInOrder() {
    String text =
        IntStream.range(0, 120)
            .mapToObj(i -> sentence(i) + (i % 7 == 6 ? "\n\n" : " "))
            .collect(Collectors.joining());
    List<Chunk> chunks = chunk(text, 60, 0);

    String rejoined = chunks.stream().map(Chunk::text).collect(Collectors.joining(" "));
    assertThat(words(rejoined)).isEqualTo(words(text));
    assertThat(chunks)
        .extracting(Chunk::ordinal)
        .containsExactlyElementsOf(IntStream.range(0, chunks.size()).boxed().toList());
  }

  @Test
  void overlapRepeatsTheLastWholeSentencesOfThePreviousChunk() {
    String text =
        IntStream.range(0, 60).mapToObj(TextChunkerTest::sentence).collect(Collectors.joining(" "));
    int overlap = TOKENS.count(sentence(10)) + 2; // room for exactly one sentence
    List<Chunk> chunks = chunk(text, 80, overlap);

    assertThat(chunks.size()).isGreaterThan(3);
    for (int i = 1; i < chunks.size(); i++) {
      List<String> previous = chunker(80, overlap).sentences(chunks.get(i - 1).text());
      String lastSentence = previous.get(previous.size() - 1);
      assertThat(chunks.get(i).text()).startsWith(lastSentence + " ");
    }
  }

  @Test
  void idsAreStableAndChangeOnlyWithContent() {
    String text =
        IntStream.range(0, 40)
            .mapToObj(i -> sentence(i) + (i % 5 == 4 ? "\n\n" : " "))
            .collect(Collectors.joining());
    List<Chunk> first = chunk(text, 80, 0);
    List<Chunk> again = chunk(text, 80, 0);
    assertThat(again).isEqualTo(first);

    String edited = text.replace("warehouse 37.", "warehouse 37b.");
    List<Chunk> changed = chunk(edited, 80, 0);
    assertThat(changed).hasSameSizeAs(first);
    long differing =
        IntStream.range(0, first.size())
            .filter(i -> !first.get(i).chunkId().equals(changed.get(i).chunkId()))
            .count();
    assertThat(differing).isEqualTo(1);
    assertThat(changed.get(changed.size() - 1).chunkId())
        .isNotEqualTo(first.get(first.size() - 1).chunkId());
  }

  @Test
  void aHeadingOpensANewChunkOnceTheCurrentOneIsHalfFullAndNeverEndsOne() {
    String section =
        IntStream.range(0, 4).mapToObj(TextChunkerTest::sentence).collect(Collectors.joining(" "));
    int max = TOKENS.count(section) * 3;
    String text = "# Travel\n\n" + section + "\n\n" + section + "\n\n## Hotels\n\n" + section;

    List<Chunk> chunks = chunk(text, max, 0);

    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(0).text()).startsWith("# Travel").doesNotContain("## Hotels");
    assertThat(chunks.get(1).text()).startsWith("## Hotels\n\n");
    for (Chunk c : chunks) {
      assertThat(c.text().strip()).doesNotEndWith("Hotels").doesNotEndWith("Travel");
    }
  }

  @Test
  void aTableIsKeptWholeWhenItFitsAndCutBetweenRowsWhenNot() {
    String small = "| Region | Q1 | Q2 |\n| North | 1,204 | 1,310 |\n| South | 998 | 1,022 |";
    String prose =
        IntStream.range(0, 3).mapToObj(TextChunkerTest::sentence).collect(Collectors.joining(" "));
    List<Chunk> whole = chunk(prose + "\n\n" + small + "\n\n" + prose, 2 * TOKENS.count(prose), 0);
    assertThat(whole).anySatisfy(c -> assertThat(c.text()).contains(small));

    String big =
        IntStream.range(0, 200)
            .mapToObj(i -> "| Depot " + i + " | " + (i * 37) + " | " + (i * 11) + " kg |")
            .collect(Collectors.joining("\n"));
    List<Chunk> cut = chunk(big, 64, 0);
    assertThat(cut.size()).isGreaterThan(5);
    for (Chunk c : cut) {
      assertThat(c.text().lines())
          .allSatisfy(line -> assertThat(line).matches("\\| Depot \\d+ \\| \\d+ \\| \\d+ kg \\|"));
    }
    assertThat(cut.stream().mapToLong(c -> c.text().lines().count()).sum()).isEqualTo(200);
  }

  @Test
  void listItemsAreNeverSplitWhenTheyFit() {
    String list =
        IntStream.range(0, 60)
            .mapToObj(i -> "- Item " + i + ": check the pallet seal and log the number.")
            .collect(Collectors.joining("\n"));
    List<Chunk> chunks = chunk(list, 48, 0);
    assertThat(chunks.size()).isGreaterThan(3);
    for (Chunk c : chunks) {
      assertThat(c.text().lines())
          .allSatisfy(
              line ->
                  assertThat(line)
                      .matches("- Item \\d+: check the pallet seal and log the number\\."));
    }
  }

  @Test
  void minHashSignaturesFindNearDuplicates() {
    String a =
        IntStream.range(0, 20).mapToObj(TextChunkerTest::sentence).collect(Collectors.joining(" "));
    String nearA = a.replace("warehouse 7 ", "depot 7 ");
    String b =
        IntStream.range(0, 20)
            .mapToObj(i -> "Invoices are paid within " + i + " days of the delivery note.")
            .collect(Collectors.joining(" "));
    Chunk first = chunk(a, 4096, 0).get(0);
    Chunk again = chunk(a, 4096, 0).get(0);
    Chunk near = chunk(nearA, 4096, 0).get(0);
    Chunk other = chunk(b, 4096, 0).get(0);

    assertThat(first.minHash().values()).hasSize(64);
    assertThat(again.minHash()).isEqualTo(first.minHash());
    assertThat(first.minHash().similarity(near.minHash())).isGreaterThan(0.7);
    assertThat(first.minHash().similarity(other.minHash())).isLessThan(0.1);
  }

  @Test
  void textHashIgnoresCaseAndWhitespaceButNotWords() {
    assertThat(Chunk.textHash("Hello   World\n")).isEqualTo(Chunk.textHash("hello world"));
    assertThat(Chunk.textHash("hello world")).isNotEqualTo(Chunk.textHash("hello word"));
  }

  private static List<String> words(String text) {
    return List.of(text.trim().split("\\s+"));
  }
}
