package io.precis.jobs.spark;

import io.precis.core.config.SparkSettings;
import io.precis.core.errors.Errors;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession a job runs in: Delta enabled, local by default, and whatever spark-submit
 * or the configuration's {@code spark.conf} says on top.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A session for the settings. Under spark-submit the master it was given wins over {@code
   * spark.master} in the configuration; {@code masterOverride} (the CLI's --master) wins over both.
   */
  public static SparkSession create(SparkSettings settings, Optional<String> masterOverride) {
    SparkConf conf = new SparkConf(); // holds what spark-submit passed as system properties
    if (masterOverride.isPresent()) {
      conf.setMaster(masterOverride.get());
    } else if (!conf.contains("spark.master")) {
      conf.setMaster(settings.master());
    }
    conf.setIfMissing("spark.app.name", settings.appName());
    conf.set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    if (conf.get("spark.master").startsWith("local")) {
      // A laptop needs neither the web UI nor 200 shuffle partitions.
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.sql.shuffle.partitions", "8");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    // Spark's default pattern misses OPENAI_API_KEY and friends (spark.executorEnv.*).
    conf.setIfMissing(
        "spark.redaction.regex", "(?i)secret|password|token|access[.]?key|api[-_.]?key");
    settings.conf().forEach(conf::set);
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /**
   * Checks that Spark can write the warehouse (a local folder or any Hadoop file system URI), by
   * creating it.
   *
   * @throws io.precis.core.errors.PrecisException when the file system is missing or refuses
   */
  public static void requireWritable(SparkSession spark, String warehouse) {
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(warehouse);
      FileSystem fileSystem = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fileSystem.mkdirs(path)) {
        throw Errors.warehouseNotWritable(warehouse, "the folder could not be created");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof io.precis.core.errors.PrecisException precis) {
        throw precis;
      }
      String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw Errors.warehouseNotWritable(warehouse, e.getClass().getSimpleName() + ": " + message);
    }
  }
}
