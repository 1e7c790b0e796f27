package io.precis.chunking.parse;

import io.precis.core.config.ParsingSettings;
import io.precis.core.model.DocumentRef;
import io.precis.core.model.ErrorCode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.tika.io.TikaInputStream;

/**
 * The main class of a parsing JVM (see {@link IsolatedDocumentParser}): reads parse requests on
 * stdin, parses each file with {@link TikaDocumentParser}, and writes each outcome on stdout.
 * Anything else that writes to stdout (a chatty parser) is sent to stderr, so the protocol stays
 * clean. It exits when stdin closes or a quit request arrives.
 */
public final class ParseWorkerMain {
  private ParseWorkerMain() {}

  public static void main(String[] args) throws IOException {
    DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
    ParsingSettings settings = WorkerProtocol.decodeSettings(args[0]);
    TikaDocumentParser parser = new TikaDocumentParser(settings);
    warmUp(parser);
    out.writeUTF(WorkerProtocol.READY);
    out.flush();
    while (true) {
      WorkerProtocol.Request request;
      try {
        request = WorkerProtocol.readRequest(in);
      } catch (EOFException e) {
        return; // the parent went away
      }
      if (request == null) {
        return; // quit
      }
      DocumentRef document = request.document();
      ParseOutcome outcome;
      try (InputStream stream = TikaInputStream.get(Path.of(request.file()))) {
        outcome = parser.parse(document, stream);
      } catch (IOException e) {
        outcome =
            new ParseOutcome.Failed(
                document,
                "application/octet-stream",
                ErrorCode.READ_FAILED,
                TikaDocumentParser.describe(e));
      }
      WorkerProtocol.writeOutcome(out, outcome);
    }
  }

  /**
   * Parses a small text and an HTML page before the worker says it is ready, so that loading Tika's
   * detectors and common parsers is not charged to the first document's timeout.
   */
  private static void warmUp(TikaDocumentParser parser) {
    String[][] samples = {
      {"warm-up.txt", "Warm-up text.\n\nA second paragraph."},
      {"warm-up.html", "<html><head><title>t</title></head><body><p>Warm-up.</p></body></html>"}
    };
    for (String[] sample : samples) {
      byte[] bytes = sample[1].getBytes(java.nio.charset.StandardCharsets.UTF_8);
      DocumentRef document = new DocumentRef("memory:" + sample[0], bytes.length, "warm-up");
      try (InputStream stream = TikaInputStream.get(bytes)) {
        parser.parse(document, stream);
      } catch (IOException e) {
        // only a warm-up
      }
    }
  }
}
