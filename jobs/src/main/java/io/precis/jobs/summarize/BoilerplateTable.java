package io.precis.jobs.summarize;

import io.precis.chunking.clean.BoilerplateSet;
import io.precis.jobs.tables.TableWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The boilerplate lines the last run with enough documents learned, kept in the warehouse (table
 * {@code boilerplate}: one row per line fingerprint) for the runs with too few documents to learn
 * them: a few changed files.
 */
final class BoilerplateTable {
  static final String NAME = "boilerplate";

  static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("fingerprint", DataTypes.LongType, false),
              DataTypes.createStructField("job_id", DataTypes.StringType, false)));

  private BoilerplateTable() {}

  static BoilerplateSet read(SparkSession spark, TableWriter tables) {
    if (!tables.exists(NAME)) {
      return BoilerplateSet.empty();
    }
    List<Row> rows =
        spark.read().format("delta").load(tables.path(NAME)).select("fingerprint").collectAsList();
    long[] fingerprints = new long[rows.size()];
    for (int i = 0; i < fingerprints.length; i++) {
      fingerprints[i] = rows.get(i).getLong(0);
    }
    return BoilerplateSet.of(fingerprints);
  }

  static void write(SparkSession spark, TableWriter tables, BoilerplateSet set, String jobId) {
    List<Row> rows = new ArrayList<>();
    for (long fingerprint : set.fingerprints()) {
      rows.add(RowFactory.create(fingerprint, jobId));
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    tables.overwrite(context.parallelize(rows, 1), SCHEMA, NAME);
  }
}
