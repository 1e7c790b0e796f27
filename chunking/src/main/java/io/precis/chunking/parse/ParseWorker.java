package io.precis.chunking.parse;

import io.precis.core.config.ParsingSettings;
import io.precis.core.model.DocumentRef;
import io.precis.core.model.ErrorCode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One parsing JVM ({@link ParseWorkerMain}) and the pipes to it. A parse that does not answer in
 * time gets its JVM killed; a JVM that dies mid-parse is reported with why (out of memory, or a
 * crash with the last lines it wrote to stderr). Either way the worker is then dead, and its owner
 * starts another. Not thread-safe: one caller at a time.
 */
final class ParseWorker implements AutoCloseable {
  /** The JVM's exit code under -XX:+ExitOnOutOfMemoryError. */
  private static final int OUT_OF_MEMORY_EXIT = 3;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final int STDERR_LINES = 20;

  private final Process process;
  private final DataOutputStream toWorker;
  private final DataInputStream fromWorker;
  private final ExecutorService reader;
  private final Deque<String> stderr = new ArrayDeque<>();
  private int parsed;
  private boolean dead;

  private ParseWorker(Process process) {
    this.process = process;
    this.toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
    this.fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    this.reader =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "precis-parse-worker-" + process.pid());
              thread.setDaemon(true);
              return thread;
            });
    Thread drain = new Thread(this::drainStderr, "precis-parse-worker-stderr-" + process.pid());
    drain.setDaemon(true);
    drain.start();
  }

  /**
   * Starts a parsing JVM and waits until it is ready.
   *
   * @throws IOException when it cannot be started or does not become ready
   */
  static ParseWorker start(ParsingSettings settings) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + settings.workerHeapBytes());
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.awt.headless=true");
    String logging = System.getProperty("log4j2.configurationFile");
    if (logging != null) {
      command.add("-Dlog4j2.configurationFile=" + logging);
    }
    command.add("-cp");
    command.add(classPath());
    command.add(ParseWorkerMain.class.getName());
    command.add(WorkerProtocol.encodeSettings(settings));
    ParseWorker worker = new ParseWorker(new ProcessBuilder(command).start());
    java.util.concurrent.Callable<String> greeting = worker.fromWorker::readUTF;
    Future<String> ready = worker.reader.submit(greeting);
    try {
      String said = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!WorkerProtocol.READY.equals(said)) {
        throw new IOException("unexpected greeting " + said);
      }
      return worker;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.close();
      throw new IOException("interrupted while starting the parsing JVM", e);
    } catch (ExecutionException | TimeoutException e) {
      worker.kill();
      throw new IOException("the parsing JVM did not start: " + worker.lastErrors(), e);
    }
  }

  /** Parses the file as the document, or reports why the JVM could not. */
  ParseOutcome parse(DocumentRef document, Path file, Duration timeout) {
    parsed++;
    Future<ParseOutcome> answer;
    try {
      WorkerProtocol.writeRequest(toWorker, document, file.toString());
      answer = reader.submit(() -> WorkerProtocol.readOutcome(fromWorker));
    } catch (IOException e) {
      return died(document);
    }
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      kill();
      return new ParseOutcome.Failed(
          document,
          "application/octet-stream",
          ErrorCode.PARSE_TIMEOUT,
          "no result within parsing.timeout ("
              + timeout.toMillis()
              + " ms); the parser was stopped");
    } catch (ExecutionException e) {
      return died(document);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      return new ParseOutcome.Failed(
          document, "application/octet-stream", ErrorCode.PARSER_CRASHED, "interrupted");
    }
  }

  /** Whether this worker may take another document. */
  boolean usable(int documentsPerWorker) {
    return !dead && process.isAlive() && parsed < documentsPerWorker;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    if (!dead && process.isAlive()) {
      try {
        WorkerProtocol.writeQuit(toWorker);
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    dead = true;
    reader.shutdownNow();
  }

  private ParseOutcome died(DocumentRef document) {
    int exit = exitCode();
    dead = true;
    reader.shutdownNow();
    if (exit == OUT_OF_MEMORY_EXIT) {
      return new ParseOutcome.Failed(
          document,
          "application/octet-stream",
          ErrorCode.PARSE_OUT_OF_MEMORY,
          "the parser ran out of memory (parsing.worker-heap)");
    }
    return new ParseOutcome.Failed(
        document,
        "application/octet-stream",
        ErrorCode.PARSER_CRASHED,
        "the parsing JVM died (exit code " + exit + "): " + lastErrors());
  }

  private int exitCode() {
    try {
      if (process.waitFor(10, TimeUnit.SECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    return -1;
  }

  private void kill() {
    dead = true;
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader.shutdownNow();
  }

  private void drainStderr() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        synchronized (stderr) {
          stderr.addLast(line.length() > 300 ? line.substring(0, 300) : line);
          if (stderr.size() > STDERR_LINES) {
            stderr.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // the worker is gone
    }
  }

  private String lastErrors() {
    synchronized (stderr) {
      if (stderr.isEmpty()) {
        return "it wrote nothing to stderr";
      }
      List<String> last = new ArrayList<>(stderr);
      return String.join(" / ", last.subList(Math.max(0, last.size() - 3), last.size()));
    }
  }

  /** This JVM's class path, plus the jar this class came from (a spark-submit jar is not on it). */
  private static String classPath() {
    String classPath = System.getProperty("java.class.path");
    try {
      var source = ParseWorker.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        String own = Path.of(source.getLocation().toURI()).toString();
        if (!List.of(classPath.split(File.pathSeparator)).contains(own)) {
          classPath = own + File.pathSeparator + classPath;
        }
      }
    } catch (java.net.URISyntaxException | SecurityException e) {
      // keep the class path as it is
    }
    return classPath;
  }
}
