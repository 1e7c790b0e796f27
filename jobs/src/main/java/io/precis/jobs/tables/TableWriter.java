package io.precis.jobs.tables;

import io.delta.tables.DeltaTable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Writes the job's rows to the Delta tables under a warehouse: appends for the ledgers (llm_calls,
 * job_costs), upserts by key for the tables that describe the current state of each document
 * (documents, doc_summaries), and a replace-by-document for chunks.
 */
public final class TableWriter {
  private final SparkSession spark;
  private final String warehouse;

  public TableWriter(SparkSession spark, String warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  /** Where a table lives: a folder under the warehouse. */
  public static String tablePath(String warehouse, String table) {
    return warehouse.endsWith("/") ? warehouse + table : warehouse + "/" + table;
  }

  public String path(String table) {
    return tablePath(warehouse, table);
  }

  public boolean exists(String table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  /**
   * Appends the rows. A column the table does not have yet is added to it (mergeSchema), so a
   * warehouse written by an earlier version of precis takes the columns a later one added; its
   * older rows read null there.
   */
  public void append(JavaRDD<Row> rows, StructType schema, String table) {
    spark
        .createDataFrame(rows, schema)
        .write()
        .format("delta")
        .mode(SaveMode.Append)
        .option("mergeSchema", "true")
        .save(path(table));
  }

  /** Replaces the whole table with the rows. */
  public void overwrite(JavaRDD<Row> rows, StructType schema, String table) {
    spark
        .createDataFrame(rows, schema)
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .save(path(table));
  }

  /** Inserts the rows, replacing the rows with the same key. */
  public void upsert(JavaRDD<Row> rows, StructType schema, String table, String key) {
    Dataset<Row> updates = spark.createDataFrame(rows, schema);
    if (!exists(table)) {
      updates.write().format("delta").mode(SaveMode.Append).save(path(table));
      return;
    }
    DeltaTable.forPath(spark, path(table))
        .as("t")
        .merge(updates.as("s"), "t." + key + " = s." + key)
        .withSchemaEvolution() // as append does: columns added since the table was made
        .whenMatched()
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  /**
   * Inserts the rows whose key (all the columns named) the table does not hold yet: writing the
   * same rows again changes nothing.
   */
  public void insertMissing(JavaRDD<Row> rows, StructType schema, String table, String... key) {
    Dataset<Row> updates = spark.createDataFrame(rows, schema);
    if (!exists(table)) {
      updates.write().format("delta").mode(SaveMode.Append).save(path(table));
      return;
    }
    String on =
        java.util.Arrays.stream(key)
            .map(column -> "t." + column + " = s." + column)
            .collect(java.util.stream.Collectors.joining(" AND "));
    DeltaTable.forPath(spark, path(table))
        .as("t")
        .merge(updates.as("s"), on)
        .withSchemaEvolution()
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  /**
   * Replaces, for every document that has rows among {@code rows} or is listed in {@code
   * documents}, all its rows in the table with the new ones.
   */
  public void replaceByDocument(
      JavaRDD<Row> rows, StructType schema, String table, Dataset<Row> documents) {
    if (exists(table)) {
      DeltaTable.forPath(spark, path(table))
          .as("t")
          .merge(documents.select("doc_id").distinct().as("s"), "t.doc_id = s.doc_id")
          .whenMatched()
          .delete()
          .execute();
    }
    append(rows, schema, table);
  }
}
