package io.precis.core.config;

import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Where Spark runs and how it is tuned. */
public record SparkSettings(String master, String appName, int partitions, Map<String, String> conf)
    implements Serializable {
  public SparkSettings {
    Objects.requireNonNull(master, "master is null");
    Objects.requireNonNull(appName, "appName is null");
    conf = Map.copyOf(conf);
  }

  static SparkSettings from(ConfigReader reader) {
    Map<String, String> conf = new TreeMap<>();
    // Leaf paths: spark.conf { spark.driver.memory = 4g } (nested) and
    // spark.conf { "spark.driver.memory" = 4g } (quoted) both give spark.driver.memory.
    for (Map.Entry<String, ConfigValue> entry : reader.raw().getConfig("conf").entrySet()) {
      String key = String.join(".", ConfigUtil.splitPath(entry.getKey()));
      conf.put(key, String.valueOf(entry.getValue().unwrapped()));
    }
    return new SparkSettings(
        reader.nonEmptyString("master", "\"local[*]\""),
        reader.nonEmptyString("app-name", "\"precis\""),
        reader.intAtLeast("partitions", 0, "8"),
        conf);
  }
}
