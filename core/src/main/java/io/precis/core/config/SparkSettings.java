package io.precis.core.config;

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
    for (Map.Entry<String, ConfigValue> entry : reader.raw().getObject("conf").entrySet()) {
      conf.put(entry.getKey(), String.valueOf(entry.getValue().unwrapped()));
    }
    return new SparkSettings(
        reader.nonEmptyString("master", "\"local[*]\""),
        reader.nonEmptyString("app-name", "\"precis\""),
        reader.intAtLeast("partitions", 0, "8"),
        conf);
  }
}
