package io.precis.jobs.summarize.ledger;

import io.precis.core.config.LedgerSettings;
import io.precis.core.config.PrecisSettings;
import io.precis.core.errors.Errors;
import io.precis.summarize.ledger.CallLedger;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A job's call ledger, made on the driver and shipped to its tasks: each JVM opens the ledger once
 * per job, and every task of that JVM shares it ({@link #open}), reading what other JVMs wrote when
 * it starts.
 */
public final class LedgerRef implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, CallLedger> OPEN = new ConcurrentHashMap<>();

  private final String root;
  private final String jobId;
  private final Duration retention;
  private final SerializableConfiguration conf;

  private LedgerRef(String root, String jobId, Duration retention, Configuration conf) {
    this.root = root;
    this.jobId = jobId;
    this.retention = retention;
    this.conf = new SerializableConfiguration(conf);
  }

  /**
   * The job's ledger; when the ledger is off, one whose {@link #open} keeps nothing. On the driver,
   * before any task: deletes the folders of jobs older than the retention, and checks that the
   * ledger's folder can be written.
   *
   * @throws io.precis.core.errors.PrecisException naming {@code llm.ledger.path} when it cannot
   */
  public static LedgerRef start(
      PrecisSettings settings, String warehouse, String jobId, Configuration conf) {
    LedgerSettings ledger = settings.llm().ledger();
    if (!ledger.enabled()) {
      return new LedgerRef(null, jobId, ledger.retention(), conf);
    }
    String root =
        ledger.path().isEmpty()
            ? warehouse.replaceAll("/+$", "") + "/_call_ledger"
            : ledger.path().replaceAll("/+$", "");
    try {
      Path rootPath = new Path(root);
      FileSystem fs = HadoopLedgerStore.raw(rootPath.getFileSystem(conf));
      fs.mkdirs(rootPath);
      long oldest = Instant.now().minus(ledger.retention()).toEpochMilli();
      for (FileStatus folder : fs.listStatus(rootPath)) {
        if (folder.isDirectory() && folder.getModificationTime() < oldest) {
          fs.delete(folder.getPath(), true);
        }
      }
      Path probe = new Path(rootPath, "_probe-" + jobId);
      fs.create(probe, true).close();
      fs.delete(probe, false);
    } catch (IOException | IllegalArgumentException e) {
      throw Errors.ledgerNotWritable(root, e.getMessage());
    }
    return new LedgerRef(root, jobId, ledger.retention(), conf);
  }

  /** The job's ledger in this JVM, up to date with what other JVMs wrote. */
  public CallLedger open() {
    if (root == null) {
      return CallLedger.none();
    }
    CallLedger ledger =
        OPEN.computeIfAbsent(
            key(),
            k -> {
              try {
                return new CallLedger(new HadoopLedgerStore(root, jobId, conf.value(), retention));
              } catch (IOException e) {
                throw new UncheckedIOException("cannot open the call ledger at " + root, e);
              }
            });
    ledger.refresh();
    return ledger;
  }

  /**
   * On the driver once the job's tables are written: its calls are in {@code llm_calls} now, so its
   * ledger folder is deleted and its ledger closed in this JVM.
   */
  public void finish() {
    if (root == null) {
      return;
    }
    CallLedger ledger = OPEN.remove(key());
    try {
      if (ledger != null) {
        ledger.close();
      }
      Path folder = new Path(root, jobId);
      HadoopLedgerStore.raw(folder.getFileSystem(conf.value())).delete(folder, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the ledger folder of job " + jobId, e);
    }
  }

  private String key() {
    return root + "#" + jobId;
  }
}
