package io.precis.jobs;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
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
 * Reads a Delta table with Delta Kernel, an implementation independent of the Spark writer, so that
 * tests check what any Delta reader sees. Rows come back as column-name maps; timestamps as {@link
 * Instant}, dates as {@link LocalDate}, decimals as {@link java.math.BigDecimal}, arrays as lists.
 */
public final class DeltaKernelReader {
  private final Engine engine = DefaultEngine.create(new Configuration());

  public List<Map<String, Object>> read(String tablePath) {
    List<Map<String, Object>> rows = new ArrayList<>();
    try {
      Snapshot snapshot = Table.forPath(engine, tablePath).getLatestSnapshot(engine);
      Scan scan = snapshot.getScanBuilder().build();
      Row scanState = scan.getScanState(engine);
      StructType readSchema = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
      try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
        while (files.hasNext()) {
          try (CloseableIterator<Row> fileRows = files.next().getRows()) {
            while (fileRows.hasNext()) {
              Row fileRow = fileRows.next();
              FileStatus file = InternalScanFileUtils.getAddFileStatus(fileRow);
              CloseableIterator<ColumnarBatch> physical =
                  engine
                      .getParquetHandler()
                      .readParquetFiles(
                          Utils.singletonCloseableIterator(file), readSchema, Optional.empty());
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

  /** The table's schema as Delta Kernel sees it. */
  public StructType schema(String tablePath) {
    return Table.forPath(engine, tablePath).getLatestSnapshot(engine).getSchema();
  }

  /** Column name to Kernel type name, in the table's order: "day" to "date". */
  public Map<String, String> columns(String tablePath) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (StructField field : schema(tablePath).fields()) {
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
    if (type instanceof IntegerType) {
      return row.getInt(ordinal);
    }
    if (type instanceof BooleanType) {
      return row.getBoolean(ordinal);
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
    if (type instanceof ArrayType) {
      ArrayValue array = row.getArray(ordinal);
      DataType element = ((ArrayType) type).getElementType();
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < array.getSize(); i++) {
        var elements = array.getElements();
        values.add(
            elements.isNullAt(i)
                ? null
                : element instanceof IntegerType
                    ? elements.getInt(i)
                    : element instanceof FloatType ? elements.getFloat(i) : elements.getString(i));
      }
      return values;
    }
    if (type instanceof FloatType) {
      return row.getFloat(ordinal);
    }
    if (type instanceof MapType) {
      MapValue map = row.getMap(ordinal);
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < map.getSize(); i++) {
        values.put(
            map.getKeys().getString(i),
            map.getValues().isNullAt(i) ? null : map.getValues().getString(i));
      }
      return values;
    }
    throw new IllegalArgumentException("unsupported type " + type);
  }
}
