package io.precis.chunking.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.chunking.source.DocumentSource;
import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ParsingSettings;
import io.precis.core.model.DocumentRef;
import io.precis.core.model.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser in its own JVM: what a hang, an exhausted heap or a crash costs. */
class IsolatedDocumentParserTest {
  @TempDir Path directory;
  private IsolatedDocumentParser parser;

  @AfterEach
  void stop() {
    if (parser != null) {
      parser.close();
    }
  }

  private static ParsingSettings settings(
      Duration timeout, long heap, int perWorker, long maxChars) {
    return new ParsingSettings(maxChars, true, timeout, heap, perWorker, true, 100, 3, 1L << 30);
  }

  private DocumentRef ref(Path file) {
    return new LocalDocumentSource(List.of(file)).list().get(0);
  }

  private ParseOutcome parse(Path file) {
    return parser.parse(ref(file), new LocalDocumentSource(List.of(file)));
  }

  private Path write(String name, String text) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  /** A plain text file of about the given size, written without holding it in memory. */
  private Path bigText(String name, int megabytes) throws IOException {
    Path file = directory.resolve(name);
    String line = "The pallet count for depot seven was checked twice and found correct. \n";
    try (Writer out = Files.newBufferedWriter(file)) {
      for (long written = 0; written < megabytes * 1_000_000L; written += line.length()) {
        out.write(line);
      }
    }
    return file;
  }

  @Test
  void givesTheSameOutcomeAsParsingInProcess() throws IOException {
    parser = new IsolatedDocumentParser(settings(Duration.ofSeconds(30), 256L << 20, 100, 100_000));
    Path file =
        write(
            "page.html",
            "<html><head><title>Gate codes</title></head><body><h1>Gates</h1>"
                + "<p>Gate 4 closes at ten.</p><ul><li>North</li><li>South</li></ul></body></html>");

    ParseOutcome isolated = parse(file);
    ParseOutcome inProcess =
        new TikaDocumentParser(settings(Duration.ofSeconds(30), 256L << 20, 100, 100_000))
            .parse(ref(file), new LocalDocumentSource(List.of(file)));

    assertThat(isolated).isEqualTo(inProcess);
    assertThat(((ParseOutcome.Parsed) isolated).text())
        .isEqualTo("# Gates\n\nGate 4 closes at ten.\n\n- North\n- South");
    assertThat(parser.workerPid()).isPositive().isNotEqualTo(ProcessHandle.current().pid());
  }

  @Test
  void aParseThatTakesTooLongIsStoppedAndTheNextDocumentStillParses() throws IOException {
    Duration timeout = Duration.ofMillis(300);
    parser = new IsolatedDocumentParser(settings(timeout, 512L << 20, 100, 500_000_000));
    parse(write("warm.txt", "Warm up the parsing JVM."));
    long firstWorker = parser.workerPid();
    Path slow = bigText("slow.txt", 60);

    long started = System.nanoTime();
    ParseOutcome outcome = parse(slow);
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    ParseOutcome.Failed failed = (ParseOutcome.Failed) outcome;
    assertThat(failed.code()).isEqualTo(ErrorCode.PARSE_TIMEOUT);
    assertThat(failed.message())
        .isEqualTo("no result within parsing.timeout (300 ms); the parser was stopped");
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(300).isLessThan(300 + 5_000);
    assertThat(ProcessHandle.of(firstWorker).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));

    ParseOutcome next = parse(write("next.txt", "Still works."));
    assertThat(next).isInstanceOf(ParseOutcome.Parsed.class);
    assertThat(parser.workerPid()).isNotEqualTo(firstWorker);
  }

  @Test
  void aDocumentThatExhaustsTheHeapIsAnOutOfMemoryFailure() throws IOException {
    parser =
        new IsolatedDocumentParser(settings(Duration.ofSeconds(60), 64L << 20, 100, 1_000_000_000));
    Path huge = bigText("huge.txt", 80);

    ParseOutcome.Failed failed = (ParseOutcome.Failed) parse(huge);

    assertThat(failed.code()).isEqualTo(ErrorCode.PARSE_OUT_OF_MEMORY);
    assertThat(failed.message()).isEqualTo("the parser ran out of memory (parsing.worker-heap)");
    assertThat(parse(write("after.txt", "Fine again."))).isInstanceOf(ParseOutcome.Parsed.class);
  }

  @Test
  void aWorkerThatDiesMidParseIsACrashFailure() throws Exception {
    parser =
        new IsolatedDocumentParser(settings(Duration.ofSeconds(60), 512L << 20, 100, 500_000_000));
    parse(write("warm.txt", "Warm up."));
    long pid = parser.workerPid();
    Path slow = bigText("slow.txt", 60);

    CompletableFuture<ParseOutcome> outcome = CompletableFuture.supplyAsync(() -> parse(slow));
    Thread.sleep(200);
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    ParseOutcome.Failed failed = (ParseOutcome.Failed) outcome.get(30, TimeUnit.SECONDS);

    assertThat(failed.code()).isEqualTo(ErrorCode.PARSER_CRASHED);
    assertThat(failed.message()).startsWith("the parsing JVM died (exit code 137)");
  }

  @Test
  void theWorkerIsReplacedAfterItsShareOfDocuments() throws IOException {
    parser = new IsolatedDocumentParser(settings(Duration.ofSeconds(30), 256L << 20, 2, 100_000));
    parse(write("a.txt", "A."));
    long first = parser.workerPid();
    parse(write("b.txt", "B."));
    assertThat(parser.workerPid()).isEqualTo(first);
    parse(write("c.txt", "C."));
    assertThat(parser.workerPid()).isNotEqualTo(first);
  }

  @Test
  void aDocumentFromANonLocalSourceIsCopiedStreamingAndTheCopyRemoved() throws IOException {
    parser = new IsolatedDocumentParser(settings(Duration.ofSeconds(30), 256L << 20, 100, 100_000));
    byte[] content = "Remote text about customs forms.".getBytes(StandardCharsets.UTF_8);
    DocumentRef remote = new DocumentRef("s3://bucket/forms/customs.txt", content.length, "etag:1");
    DocumentSource source =
        new DocumentSource() {
          @Override
          public List<DocumentRef> list() {
            return List.of(remote);
          }

          @Override
          public InputStream open(DocumentRef document) {
            return new ByteArrayInputStream(content);
          }
        };
    long copiesBefore = copies();

    ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) parser.parse(remote, source);

    assertThat(parsed.text()).isEqualTo("Remote text about customs forms.");
    assertThat(parsed.document()).isEqualTo(remote);
    assertThat(copies()).isEqualTo(copiesBefore);
  }

  @Test
  void aDocumentOverTheByteLimitIsRefusedUnread() throws IOException {
    parser =
        new IsolatedDocumentParser(
            new ParsingSettings(
                1000, true, Duration.ofSeconds(30), 256L << 20, 10, true, 10, 3, 10));
    ParseOutcome.Failed failed =
        (ParseOutcome.Failed) parse(write("big.txt", "more than ten bytes"));
    assertThat(failed.code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(parser.workerPid()).isEqualTo(-1);
  }

  private static long copies() throws IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("precis-parse-")).count();
    }
  }
}
