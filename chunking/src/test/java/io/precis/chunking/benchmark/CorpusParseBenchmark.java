package io.precis.chunking.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.chunking.DocumentPipeline;
import io.precis.chunking.DocumentPipeline.ProcessedDocument;
import io.precis.chunking.clean.BoilerplateSet;
import io.precis.chunking.clean.LineFingerprints;
import io.precis.chunking.parse.ParseOutcome;
import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.core.model.Chunk;
import io.precis.core.model.DocumentRef;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parse, clean and chunk a whole corpus on one thread, beside Tika alone over the same files in the
 * same run, and print the figures: MB/s and documents/s of each and their ratio, the outcome of
 * every file, the largest chunk, and the share of tokens cleaning removed. Not part of the build:
 * run it with
 *
 * <pre>
 * ./mvnw -pl chunking test -Dgroups=benchmark -Dexcluded.groups= -Dtest=CorpusParseBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dprecis.corpus=../shared/corpus
 * </pre>
 */
@Tag("benchmark")
class CorpusParseBenchmark {
  @Test
  void parseCleanAndChunkTheCorpus() throws Exception {
    String corpus = System.getProperty("precis.corpus");
    Assumptions.assumeTrue(corpus != null, "set -Dprecis.corpus to a folder of documents");
    LocalDocumentSource source = new LocalDocumentSource(List.of(Path.of(corpus)));
    List<DocumentRef> documents = source.list();
    long bytes = documents.stream().mapToLong(DocumentRef::bytes).sum();
    System.out.printf("corpus %s: %d files, %.1f MB%n", corpus, documents.size(), bytes / 1e6);

    // Tika alone: AutoDetectParser into a BodyContentHandler, in this JVM, once to warm up.
    tikaAlone(documents, Math.min(documents.size(), 100));
    long tikaStart = System.nanoTime();
    int tikaFailures = tikaAlone(documents, documents.size());
    double tikaSeconds = (System.nanoTime() - tikaStart) / 1e9;

    // precis: isolated parse, corpus boilerplate, clean, chunk (as the job does, on one thread).
    PrecisSettings settings = PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of()));
    long start = System.nanoTime();
    List<ParseOutcome> parsed = new ArrayList<>();
    List<ProcessedDocument> processed = new ArrayList<>();
    try (DocumentPipeline pipeline = new DocumentPipeline(source, settings)) {
      for (DocumentRef document : documents) {
        parsed.add(pipeline.parse(document));
      }
      long parsedAt = System.nanoTime();
      BoilerplateSet boilerplate = boilerplate(parsed, settings);
      long learnedAt = System.nanoTime();
      for (ParseOutcome outcome : parsed) {
        processed.add(pipeline.prepare(outcome, boilerplate));
      }
      System.out.printf(
          "boilerplate lines across the corpus: %d; parse (isolated JVM) %.1f s, learn"
              + " boilerplate %.1f s, clean + chunk + sign %.1f s%n",
          boilerplate.size(),
          (parsedAt - start) / 1e9,
          (learnedAt - parsedAt) / 1e9,
          (System.nanoTime() - learnedAt) / 1e9);
    }
    double precisSeconds = (System.nanoTime() - start) / 1e9;

    Map<String, Integer> outcomes = new TreeMap<>();
    long chunks = 0;
    int largest = 0;
    long before = 0;
    long after = 0;
    for (ProcessedDocument document : processed) {
      String outcome =
          document.outcome() instanceof ParseOutcome.Failed failed
              ? failed.code().name()
              : "PARSED";
      outcomes.merge(outcome, 1, Integer::sum);
      chunks += document.chunks().size();
      for (Chunk chunk : document.chunks()) {
        largest = Math.max(largest, chunk.tokens());
      }
      before += document.cleaning().tokensBefore();
      after += document.cleaning().tokensAfter();
    }
    System.out.printf(
        "Tika alone:            %6.1f s  %6.2f MB/s  %6.1f documents/s  (%d failed)%n",
        tikaSeconds, bytes / 1e6 / tikaSeconds, documents.size() / tikaSeconds, tikaFailures);
    System.out.printf(
        "precis parse+clean+chunk: %6.1f s  %6.2f MB/s  %6.1f documents/s%n",
        precisSeconds, bytes / 1e6 / precisSeconds, documents.size() / precisSeconds);
    System.out.printf(
        "ratio precis / Tika alone (throughput): %.2f%n", tikaSeconds / precisSeconds);
    System.out.printf("outcomes: %s%n", outcomes);
    System.out.printf(
        "chunks: %d, largest %d tokens (max %d)%n",
        chunks, largest, settings.chunking().maxTokens());
    System.out.printf(
        "tokens: %d parsed, %d after cleaning: %.1f%% removed%n",
        before, after, 100.0 * (before - after) / Math.max(1, before));

    assertThat(processed).hasSize(documents.size());
    assertThat(largest).isLessThanOrEqualTo(settings.chunking().maxTokens());
  }

  private static int tikaAlone(List<DocumentRef> documents, int count) {
    AutoDetectParser parser = new AutoDetectParser();
    int failures = 0;
    for (DocumentRef document : documents.subList(0, count)) {
      try (InputStream in = Files.newInputStream(Path.of(java.net.URI.create(document.uri())))) {
        parser.parse(
            in,
            new BodyContentHandler(20_000_000),
            new org.apache.tika.metadata.Metadata(),
            new ParseContext());
      } catch (Exception e) {
        failures++;
      }
    }
    return failures;
  }

  private static BoilerplateSet boilerplate(List<ParseOutcome> parsed, PrecisSettings settings) {
    Map<Long, Long> counts = new HashMap<>();
    long documents = 0;
    for (ParseOutcome outcome : parsed) {
      if (outcome instanceof ParseOutcome.Parsed document) {
        documents++;
        for (long fingerprint : LineFingerprints.of(document.text(), settings.cleaning())) {
          counts.merge(fingerprint, 1L, Long::sum);
        }
      }
    }
    return BoilerplateSet.from(counts, documents, settings.cleaning());
  }
}
