package io.precis.jobs.summarize.ledger;

import io.precis.summarize.ledger.LedgerCodec;
import io.precis.summarize.ledger.LedgerEntry;
import io.precis.summarize.ledger.LedgerStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The call ledger's files on a Hadoop file system: {@code <root>/<job id>/<writer>.jsonl}, one JSON
 * line per paid call, one file per JVM and job, each line flushed to the file system before the
 * answer is used. Readers take whole lines only and remember how far they read each file.
 *
 * <p>A finished job deletes its folder (its calls are in {@code llm_calls}); what is left belongs
 * to jobs that were killed or are still running, and is read by the next job to start: that is how
 * a rerun after a crash reuses what the crashed run paid for.
 */
final class HadoopLedgerStore implements LedgerStore {
  private final FileSystem fs;
  private final Path root;
  private final Path jobFolder;
  private final Duration retention;
  private final Map<Path, Long> readTo = new HashMap<>();
  private FSDataOutputStream out;
  private Path outPath;

  HadoopLedgerStore(String root, String jobId, Configuration conf, Duration retention)
      throws IOException {
    this.root = new Path(root);
    this.fs = raw(this.root.getFileSystem(conf));
    this.jobFolder = new Path(this.root, jobId);
    this.retention = retention;
  }

  /**
   * The file system without client-side checksums for local disk: a checksum file is only written
   * on close, so a file cut short by a kill would otherwise fail its checksum when read.
   */
  static FileSystem raw(FileSystem fs) {
    return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
  }

  @Override
  public synchronized List<LedgerEntry> readNew() throws IOException {
    List<LedgerEntry> fresh = new ArrayList<>();
    if (!fs.exists(root)) {
      return fresh;
    }
    long oldest = Instant.now().minus(retention).toEpochMilli();
    for (FileStatus folder : fs.listStatus(root)) {
      if (!folder.isDirectory()
          || (folder.getModificationTime() < oldest && !folder.getPath().equals(jobFolder))) {
        continue;
      }
      for (FileStatus file : fs.listStatus(folder.getPath())) {
        Path path = file.getPath();
        if (!path.getName().endsWith(".jsonl") || path.equals(outPath)) {
          continue; // what this store wrote is already known to its ledger
        }
        long from = readTo.getOrDefault(path, 0L);
        if (file.getLen() > from) {
          readTo.put(path, readLines(path, from, file.getLen(), fresh));
        }
      }
    }
    return fresh;
  }

  /** Reads the whole lines in [from, to) and returns where the next read starts. */
  private long readLines(Path path, long from, long to, List<LedgerEntry> into) throws IOException {
    byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 16, to - from)];
    try (FSDataInputStream in = fs.open(path)) {
      in.readFully(from, bytes);
    }
    int lineStart = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        String line = new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8);
        LedgerCodec.decode(line).ifPresent(into::add);
        lineStart = i + 1;
      }
    }
    return from + lineStart; // a line without its end is read again next time
  }

  @Override
  public synchronized void append(LedgerEntry entry) throws IOException {
    if (out == null) {
      fs.mkdirs(jobFolder);
      outPath = new Path(jobFolder, writerName() + ".jsonl");
      out = fs.create(outPath, false);
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    line.write(LedgerCodec.encode(entry).getBytes(StandardCharsets.UTF_8));
    line.write('\n');
    out.write(line.toByteArray());
    out.hflush();
  }

  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }

  private static String writerName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "host";
    }
    String pid = ManagementFactory.getRuntimeMXBean().getName().replaceAll("@.*", "");
    return (host + "-" + pid).replaceAll("[^A-Za-z0-9._-]", "_")
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }
}
