package io.precis.routing.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.routing.embed.MiniLmEmbedder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classifier trained on the shipped examples, on texts written for this test (none of them is
 * an example), with MiniLM embeddings and without.
 */
class BucketClassifierTest {
  static final String PROSE =
      "Our neighbourhood choir meets every Thursday evening in the church hall. New singers are"
          + " always welcome, whether or not they read music, and the first rehearsal is free."
          + " Afterwards most of us stay for tea and a chat.";
  static final String TABLE =
      "Region | Q1 units | Q2 units | Change\n"
          + "North | 1,240 | 1,410 | +13.7%\n"
          + "South | 980 | 1,020 | +4.1%\n"
          + "West | 1,515 | 1,388 | -8.4%";
  static final String FORM =
      "Booking request\nGuest name: Tomasz Nowak\nArrival: 2025-07-14\nNights: 3\n"
          + "Room type: double, sea view\nBreakfast: yes\nPhone: +48 601 555 010";
  static final String CLAUSE =
      "The Licensee shall not sublicense, assign or otherwise transfer the rights granted under this"
          + " Agreement without the prior written consent of the Licensor. Any purported"
          + " assignment in breach of this clause shall be void, and the Licensor may terminate"
          + " the Agreement forthwith by written notice.";
  static final String CALCULATION =
      "Operating profit was $2.4 million on revenue of $16.0 million, a margin of 15%. After"
          + " depreciation of $0.6 million and interest of $0.3 million, profit before tax is $1.5"
          + " million; at a 25% tax rate, net income is $1.125 million, up 9% on last year.";
  static final String GERMAN =
      "Liebe Kundinnen und Kunden, unsere Filiale in der Bahnhofstraße bleibt wegen Umbauarbeiten"
          + " vom 3. bis zum 17. März geschlossen. In dieser Zeit erreichen Sie uns telefonisch"
          + " oder in unserer Filiale am Marktplatz. Wir danken für Ihr Verständnis.";
  static final String GARBLE =
      "l'ii ,;r tl1 ;;' ri,ll ' .:: j'j rn- l{ t;; ,' ii:; ''r l_l ;:i ril ,, .' ti1 'r ;,i l;i'";

  static MiniLmEmbedder embedder;
  static BucketClassifier classifier;

  @BeforeAll
  static void train() {
    embedder = new MiniLmEmbedder();
    classifier = BucketClassifier.train(BucketExamples.shipped(), 5, 0.2, 0.4, embedder);
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  private static BucketDecision withEmbedding(String text) {
    return classifier.classify(text, embedder.embed(List.of(text)).get(0));
  }

  @Test
  void clearCasesGoToTheirBucketWithAndWithoutAnEmbedding() {
    for (var expected :
        List.of(
            List.of(PROSE, Bucket.SIMPLE),
            List.of(TABLE, Bucket.EXTRACTION),
            List.of(FORM, Bucket.EXTRACTION),
            List.of(CLAUSE, Bucket.COMPLEX),
            List.of(CALCULATION, Bucket.COMPLEX))) {
      String text = (String) expected.get(0);
      Bucket bucket = (Bucket) expected.get(1);
      BucketDecision embedded = withEmbedding(text);
      BucketDecision lexical = classifier.classify(text);
      assertThat(embedded.bucket()).as(embedded.reason()).isEqualTo(bucket);
      assertThat(lexical.bucket()).as(lexical.reason()).isEqualTo(bucket);
      assertThat(embedded.confidence()).isBetween(0.4, 1.0);
      assertThat(embedded.nearestCosine()).isPresent();
      assertThat(lexical.nearestCosine()).isEmpty();
      assertThat(embedded.reason()).matches(bucket.label() + " [01]\\.\\d\\d: .* nearest are .*");
      assertThat(lexical.reason()).matches(bucket.label() + " [01]\\.\\d\\d \\(no embedding\\).*");
    }
  }

  @Test
  void theReasonNamesTheNeighboursAndTheFeatures() {
    BucketDecision table = withEmbedding(TABLE);

    assertThat(table.reason())
        .matches(
            "extraction [01]\\.\\d\\d: [3-5] of 5 nearest are extraction, closest [a-z-]+ 0\\.\\d\\d; .+")
        .containsAnyOf("table-rows 1.00", "row-shape 1.00", "numbers 0.");
  }

  @Test
  void farOutTextIsNovel() {
    for (String text : List.of(GERMAN, GARBLE)) {
      assertThat(withEmbedding(text).bucket())
          .as(withEmbedding(text).reason())
          .isEqualTo(Bucket.NOVEL);
      assertThat(classifier.classify(text).bucket()).isEqualTo(Bucket.NOVEL);
    }
  }

  @Test
  void aChunkFarFromEveryKnownExampleIsNovelWhateverTheVote() {
    BucketClassifier strict = classifier.withThresholds(0.95, 0.4);

    BucketDecision decision = strict.classify(PROSE, embedder.embed(List.of(PROSE)).get(0));

    assertThat(decision.bucket()).isEqualTo(Bucket.NOVEL);
    assertThat(decision.nearestCosine().getAsDouble()).isLessThan(0.95);
    assertThat(decision.reason())
        .matches("novel: nearest example cosine 0\\.\\d\\d < 0\\.95 \\(.+\\).*");
    // The threshold applies to embeddings only: the text alone still says simple.
    assertThat(strict.classify(PROSE).bucket()).isEqualTo(Bucket.SIMPLE);
  }

  @Test
  void aSplitVoteIsNovel() {
    BucketClassifier demanding = classifier.withThresholds(0.2, 0.999);

    BucketDecision decision = demanding.classify(CLAUSE);

    assertThat(decision.bucket()).isEqualTo(Bucket.NOVEL);
    assertThat(decision.confidence()).isLessThan(0.999);
    assertThat(decision.reason())
        .matches("novel: split vote, complex 0\\.\\d\\d, [a-z]+ 0\\.\\d\\d < 1\\.00");
  }

  @Test
  void financialAndLegalContentAreFoundWithTheirEvidence() {
    assertThat(classifier.classify(CALCULATION).contents())
        .containsOnlyKeys(Content.FINANCIAL)
        .hasEntrySatisfying(
            Content.FINANCIAL,
            evidence ->
                assertThat(evidence)
                    .matches(
                        "\\d+ financial terms, \\d+ currency/percent marks, numbers 0\\.\\d\\d"));
    assertThat(classifier.classify(CLAUSE).contents()).containsOnlyKeys(Content.LEGAL);
    // Amounts without financial terms are not a financial calculation.
    String invoice =
        "Invoice 2291\nDesk lamp | 2 | $38.00\nShelf | 1 | $120.00\nTotal due: $196.00";
    assertThat(classifier.classify(invoice).contents()).isEmpty();
    assertThat(classifier.classify(PROSE).contents()).isEmpty();
  }

  @Test
  void theExamplesAreEmbeddedOnceOnTheFirstDecisionWithAnEmbedding() {
    AtomicInteger calls = new AtomicInteger();
    List<LabelledExample> examples = BucketExamples.shipped();
    BucketClassifier counting =
        BucketClassifier.train(
            examples,
            3,
            0.2,
            0.4,
            texts -> {
              calls.incrementAndGet();
              return embedder.embed(texts);
            });
    float[] vector = embedder.embed(List.of(TABLE)).get(0);

    counting.classify(TABLE);
    assertThat(calls).hasValue(0);
    counting.classify(TABLE, vector);
    counting.classify(PROSE, embedder.embed(List.of(PROSE)).get(0));
    assertThat(calls).hasValue(1);
    assertThat(counting.classify(TABLE, vector).reason()).contains(" of 3 nearest ");
  }

  @Test
  void anEmbeddingOfAnotherLengthIsRejected() {
    assertThatThrownBy(() -> classifier.classify(PROSE, new float[] {1, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the embedding has 3 dimensions but the examples' have 384: embed chunks with the"
                + " embedder the classifier was given");
  }
}
