package io.precis.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.jobs.DeltaKernelReader;
import io.precis.jobs.spark.SparkSessions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A warehouse written by an earlier precis takes the columns a later one adds. */
class TableWriterTest {
  private static final StructType OLD =
      new StructType()
          .add("doc_id", DataTypes.StringType, false)
          .add("status", DataTypes.StringType, true);
  private static final StructType NEW = OLD.add("removed_tokens", DataTypes.IntegerType, true);

  private static SparkSession spark;
  @TempDir Path directory;

  @BeforeAll
  static void start() {
    PrecisSettings settings = PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of()));
    spark = SparkSessions.create(settings.spark(), Optional.of("local[1]"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private List<Map<String, Object>> read(TableWriter writer, String table) {
    return new DeltaKernelReader()
        .read(writer.path(table)).stream()
            .sorted((a, b) -> ((String) a.get("doc_id")).compareTo((String) b.get("doc_id")))
            .toList();
  }

  private static org.apache.spark.api.java.JavaRDD<Row> rows(Row... rows) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(rows));
  }

  @Test
  void anAppendAddsTheNewColumnAndOlderRowsReadNull() {
    TableWriter writer = new TableWriter(spark, directory.toUri().toString());
    writer.append(rows(RowFactory.create("a", "SUMMARIZED")), OLD, "documents");

    writer.append(rows(RowFactory.create("b", "SUMMARIZED", 7)), NEW, "documents");

    List<Map<String, Object>> rows = read(writer, "documents");
    assertThat(rows).extracting(r -> r.get("doc_id")).containsExactly("a", "b");
    assertThat(rows.get(0)).containsEntry("removed_tokens", null);
    assertThat(rows.get(1)).containsEntry("removed_tokens", 7);
  }

  @Test
  void anUpsertAddsTheNewColumnToo() {
    TableWriter writer = new TableWriter(spark, directory.toUri().toString());
    writer.upsert(
        rows(RowFactory.create("a", "PARSED"), RowFactory.create("b", "PARSED")),
        OLD,
        "documents",
        "doc_id");

    writer.upsert(rows(RowFactory.create("b", "SUMMARIZED", 3)), NEW, "documents", "doc_id");

    List<Map<String, Object>> rows = read(writer, "documents");
    assertThat(rows).extracting(r -> r.get("status")).containsExactly("PARSED", "SUMMARIZED");
    assertThat(rows.get(0)).containsEntry("removed_tokens", null);
    assertThat(rows.get(1)).containsEntry("removed_tokens", 3);
  }
}
