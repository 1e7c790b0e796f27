package io.precis.chunking.parse;

import io.precis.chunking.source.DocumentSource;
import io.precis.core.config.ParsingSettings;
import io.precis.core.model.DocumentRef;
import io.precis.core.model.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Parses each document in a separate JVM, so that a parser that hangs, exhausts its heap or crashes
 * costs one failure row (PARSE_TIMEOUT, PARSE_OUT_OF_MEMORY, PARSER_CRASHED) and never the JVM that
 * asked. The parsing JVM is started on first use, replaced after a failure or after {@code
 * parsing.documents-per-worker} documents, and stopped by {@link #close()}. A document that is not
 * a local file is first copied to a temporary file, streaming. Not thread-safe: one per worker
 * thread.
 */
public final class IsolatedDocumentParser implements DocumentParser, AutoCloseable {
  private final ParsingSettings settings;
  private ParseWorker worker;

  public IsolatedDocumentParser(ParsingSettings settings) {
    this.settings = settings;
  }

  @Override
  public ParseOutcome parse(DocumentRef document, DocumentSource source) {
    ParseOutcome refused = TikaDocumentParser.tooLarge(document, settings);
    if (refused != null) {
      return refused;
    }
    Path local = TikaDocumentParser.localPath(document);
    Path copy = null;
    try {
      if (local == null) {
        try {
          copy = Files.createTempFile("precis-parse-", ".bin");
          try (InputStream in = source.open(document)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
          }
        } catch (IOException e) {
          return new ParseOutcome.Failed(
              document,
              "application/octet-stream",
              ErrorCode.READ_FAILED,
              TikaDocumentParser.describe(e));
        }
        local = copy;
      }
      ParseWorker current;
      try {
        current = worker();
      } catch (IOException e) {
        return new ParseOutcome.Failed(
            document,
            "application/octet-stream",
            ErrorCode.PARSER_CRASHED,
            TikaDocumentParser.describe(e));
      }
      return current.parse(document, local, settings.timeout());
    } finally {
      if (copy != null) {
        try {
          Files.deleteIfExists(copy);
        } catch (IOException e) {
          copy.toFile().deleteOnExit();
        }
      }
    }
  }

  private ParseWorker worker() throws IOException {
    if (worker != null && !worker.usable(settings.documentsPerWorker())) {
      worker.close();
      worker = null;
    }
    if (worker == null) {
      worker = ParseWorker.start(settings);
    }
    return worker;
  }

  /** The process id of the current parsing JVM, for tests; -1 when none runs. */
  long workerPid() {
    return worker == null ? -1 : worker.pid();
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }
}
