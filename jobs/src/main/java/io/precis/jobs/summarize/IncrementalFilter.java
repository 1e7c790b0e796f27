package io.precis.jobs.summarize;

import static org.apache.spark.sql.functions.col;

import io.precis.core.model.DocumentRef;
import io.precis.core.model.DocumentStatus;
import io.precis.core.model.ErrorCode;
import io.precis.jobs.tables.TableSchemas;
import io.precis.jobs.tables.TableWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Decides which listed documents a run must process: those whose current version no earlier run
 * finished. A version is finished when the documents table has it SUMMARIZED, or FAILED for a
 * reason that does not go away by itself ({@link ErrorCode#retryable()} false). A changed document
 * has a new version and is processed again; an unresolved or retryable one is tried again.
 */
final class IncrementalFilter {
  private static final StructType LISTED =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("doc_id", DataTypes.StringType, false),
              DataTypes.createStructField("version", DataTypes.StringType, false)));

  private IncrementalFilter() {}

  static List<DocumentRef> pending(
      SparkSession spark, TableWriter tables, List<DocumentRef> listed) {
    if (!tables.exists(TableSchemas.DOCUMENTS)) {
      return listed;
    }
    Object[] finalCodes =
        Arrays.stream(ErrorCode.values())
            .filter(code -> !code.retryable())
            .map(Enum::name)
            .toArray();
    Dataset<Row> finished =
        spark
            .read()
            .format("delta")
            .load(tables.path(TableSchemas.DOCUMENTS))
            .filter(
                col("status")
                    .equalTo(DocumentStatus.SUMMARIZED.name())
                    .or(
                        col("status")
                            .equalTo(DocumentStatus.FAILED.name())
                            .and(col("error_code").isin(finalCodes))))
            .select("doc_id", "version");
    Dataset<Row> candidates =
        spark.createDataFrame(
            listed.stream().map(ref -> RowFactory.create(ref.docId(), ref.version())).toList(),
            LISTED);
    Set<String> pending = new HashSet<>();
    Dataset<Row> unfinished =
        candidates.join(
            finished,
            candidates
                .col("doc_id")
                .equalTo(finished.col("doc_id"))
                .and(candidates.col("version").equalTo(finished.col("version"))),
            "left_anti");
    for (Row row : unfinished.collectAsList()) {
      pending.add(row.getString(0));
    }
    return listed.stream().filter(ref -> pending.contains(ref.docId())).toList();
  }
}
