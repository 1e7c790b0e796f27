package io.precis.cachewarm;

import io.precis.routing.index.IndexSnapshot;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.util.SerializableConfiguration;

/**
 * One published index snapshot, pinned by a job on its driver at the start and shipped to its
 * tasks: each JVM opens it once (copying it to local disk first when it is remote) and every task
 * of that JVM shares it.
 */
public final class SnapshotRef implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, IndexSnapshot> OPEN = new ConcurrentHashMap<>();

  private final String root;
  private final String version;
  private final SerializableConfiguration conf;

  private SnapshotRef(String root, String version, Configuration conf) {
    this.root = root;
    this.version = version;
    this.conf = new SerializableConfiguration(conf);
  }

  /** The newest snapshot under the root, if one was published. */
  public static Optional<SnapshotRef> latest(String root, Configuration conf) {
    return new IndexSnapshots(root, conf).latest().map(v -> new SnapshotRef(root, v, conf));
  }

  public String version() {
    return version;
  }

  public String location() {
    return new IndexSnapshots(root, conf.value()).location(version);
  }

  /** The snapshot, opened once per JVM and never closed (it is read-only and small per entry). */
  public IndexSnapshot open() {
    return OPEN.computeIfAbsent(
        root + "@" + version,
        key -> {
          Path cache = Path.of(System.getProperty("java.io.tmpdir"), "precis-index-cache");
          Path local = new IndexSnapshots(root, conf.value()).local(version, cache);
          return IndexSnapshot.open(local);
        });
  }
}
