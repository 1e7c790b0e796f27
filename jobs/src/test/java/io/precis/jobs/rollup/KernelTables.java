package io.precis.jobs.rollup;

import io.delta.kernel.Scan;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads the rollup tables with Delta Kernel, independent of the Spark that wrote them, as {@code
 * io.precis.jobs.DeltaKernelReader} does for the job's tables, plus the date columns the rollup
 * tables have: dates as {@link LocalDate}, timestamps as {@link Instant}, decimals as {@link
 * java.math.BigDecimal}.
 */
final class KernelTables {
  private final Engine engine = DefaultEngine.create(new Configuration());

  List<Map<String, Object>> read(String tablePath) {
    List<Map<String, Object>> rows = new ArrayList<>();
    try {
      Scan scan =
          Table.forPath(engine, tablePath).getLatestSnapshot(engine).getScanBuilder().build();
      Row scanState = scan.getScanState(engine);
      StructType readSchema = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
      try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
        while (files.hasNext()) {
          try (CloseableIterator<Row> fileRows = files.next().getRows()) {
            while (fileRows.hasNext()) {
              Row fileRow = fileRows.next();
              CloseableIterator<ColumnarBatch> physical =
                  engine
                      .getParquetHandler()
                      .readParquetFiles(
                          Utils.singletonCloseableIterator(
                              InternalScanFileUtils.getAddFileStatus(fileRow)),
                          readSchema,
                          Optional.empty());
              try (CloseableIterator<FilteredColumnarBatch> logical =
                  Scan.transformPhysicalData(engine, scanState, fileRow, physical)) {
                while (logical.hasNext()) {
                  try (CloseableIterator<Row> data = logical.next().getRows()) {
                    while (data.hasNext()) {
                      rows.add(toMap(data.next()));
                    }
                  }
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Column name to Kernel type name, in the table's order: "day" to "date". */
  Map<String, String> columns(String tablePath) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (StructField field :
        Table.forPath(engine, tablePath).getLatestSnapshot(engine).getSchema().fields()) {
      columns.put(field.getName(), field.getDataType().toString());
    }
    return columns;
  }

  private static Map<String, Object> toMap(Row row) {
    Map<String, Object> map = new LinkedHashMap<>();
    List<StructField> fields = row.getSchema().fields();
    for (int i = 0; i < fields.size(); i++) {
      map.put(fields.get(i).getName(), value(row, i, fields.get(i).getDataType()));
    }
    return map;
  }

  private static Object value(Row row, int ordinal, DataType type) {
    if (row.isNullAt(ordinal)) {
      return null;
    }
    if (type instanceof StringType) {
      return row.getString(ordinal);
    }
    if (type instanceof LongType) {
      return row.getLong(ordinal);
    }
    if (type instanceof DoubleType) {
      return row.getDouble(ordinal);
    }
    if (type instanceof DecimalType) {
      return row.getDecimal(ordinal);
    }
    if (type instanceof DateType) {
      return LocalDate.ofEpochDay(row.getInt(ordinal));
    }
    if (type instanceof TimestampType) {
      long micros = row.getLong(ordinal);
      return Instant.ofEpochSecond(
          Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
    }
    throw new IllegalArgumentException("unsupported type " + type);
  }
}
