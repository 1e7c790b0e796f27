package io.precis.cachewarm;

import io.delta.tables.DeltaTable;
import io.precis.core.errors.Errors;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Invalidates cache entries: sets {@code invalidated_at} on the live entries that match every
 * criterion given (tags, scope parts, age). Rows are kept, so what was served stays explainable;
 * the next index snapshot leaves them out.
 *
 * @param tags entries whose tags hold all these key/value pairs (e.g. source=..., user=...)
 * @param tenant entries of this tenant
 * @param model entries of this model key (provider/model)
 * @param promptVersion entries of this prompt version
 * @param olderThan entries created longer ago than this
 * @param all every live entry (when no other criterion is given)
 */
public record CacheInvalidation(
    Map<String, String> tags,
    Optional<String> tenant,
    Optional<String> model,
    Optional<String> promptVersion,
    Optional<Duration> olderThan,
    boolean all) {

  public CacheInvalidation {
    tags = Map.copyOf(new LinkedHashMap<>(tags));
    boolean narrowed =
        !tags.isEmpty()
            || tenant.isPresent()
            || model.isPresent()
            || promptVersion.isPresent()
            || olderThan.isPresent();
    if (narrowed == all) {
      throw Errors.invalidationCriteria(all);
    }
  }

  /** The condition an entry must meet, at {@code now}. */
  Column condition(Instant now) {
    Column condition = functions.col("invalidated_at").isNull();
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      condition =
          condition.and(
              functions
                  .element_at(functions.col("tags"), functions.lit(tag.getKey()))
                  .equalTo(tag.getValue()));
    }
    if (tenant.isPresent()) {
      condition = condition.and(functions.col("tenant").equalTo(tenant.get()));
    }
    if (model.isPresent()) {
      condition = condition.and(functions.col("model").equalTo(model.get()));
    }
    if (promptVersion.isPresent()) {
      condition = condition.and(functions.col("prompt_version").equalTo(promptVersion.get()));
    }
    if (olderThan.isPresent()) {
      condition =
          condition.and(
              functions
                  .col("created_at")
                  .lt(functions.lit(Timestamp.from(now.minus(olderThan.get())))));
    }
    return condition;
  }

  /**
   * Invalidates the matching entries of the warehouse's cache_entries.
   *
   * @return how many entries were invalidated
   */
  public long apply(SparkSession spark, String warehouse, Instant now) {
    String table = (warehouse.endsWith("/") ? warehouse : warehouse + "/") + CacheEntriesTable.NAME;
    if (!DeltaTable.isDeltaTable(spark, table)) {
      throw Errors.noCacheEntries(warehouse);
    }
    Column condition = condition(now);
    long matching = spark.read().format("delta").load(table).where(condition).count();
    if (matching > 0) {
      DeltaTable.forPath(spark, table)
          .update(condition, Map.of("invalidated_at", functions.lit(Timestamp.from(now))));
    }
    return matching;
  }
}
