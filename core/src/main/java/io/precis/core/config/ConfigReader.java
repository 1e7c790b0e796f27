package io.precis.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.precis.core.errors.Errors;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/**
 * Typed, validated reads of configuration keys; every failure names the key, what it holds, what it
 * must hold, and an example.
 */
final class ConfigReader {
  private final Config config;
  private final String prefix;

  ConfigReader(Config config, String prefix) {
    this.config = config;
    this.prefix = prefix;
  }

  ConfigReader at(String path) {
    return new ConfigReader(config.getConfig(path), prefix + path + ".");
  }

  String key(String path) {
    return prefix + path;
  }

  String string(String path) {
    try {
      return config.getString(path);
    } catch (ConfigException.WrongType e) {
      throw Errors.invalidConfigValue(key(path), raw(path), "a string", "\"value\"");
    }
  }

  String nonEmptyString(String path, String example) {
    String value = string(path);
    if (value.isBlank()) {
      throw Errors.invalidConfigValue(key(path), value, "non-empty", example);
    }
    return value;
  }

  int intAtLeast(String path, int minimum, String example) {
    int value;
    try {
      value = config.getInt(path);
    } catch (ConfigException.WrongType e) {
      throw Errors.invalidConfigValue(key(path), raw(path), "a whole number", example);
    }
    if (value < minimum) {
      throw Errors.invalidConfigValue(key(path), value, ">= " + minimum, example);
    }
    return value;
  }

  long longAtLeast(String path, long minimum, String example) {
    long value;
    try {
      value = config.getLong(path);
    } catch (ConfigException.WrongType e) {
      throw Errors.invalidConfigValue(key(path), raw(path), "a whole number", example);
    }
    if (value < minimum) {
      throw Errors.invalidConfigValue(key(path), value, ">= " + minimum, example);
    }
    return value;
  }

  double share(String path, String example) {
    double value;
    try {
      value = config.getDouble(path);
    } catch (ConfigException.WrongType e) {
      throw Errors.invalidConfigValue(key(path), raw(path), "a number", example);
    }
    if (!(value >= 0 && value <= 1)) {
      throw Errors.invalidConfigValue(key(path), value, "between 0 and 1", example);
    }
    return value;
  }

  double doubleBetween(String path, double low, double high, String example) {
    double value;
    try {
      value = config.getDouble(path);
    } catch (ConfigException.WrongType e) {
      throw Errors.invalidConfigValue(key(path), raw(path), "a number", example);
    }
    if (!(value >= low && value <= high)) {
      throw Errors.invalidConfigValue(key(path), value, "between " + low + " and " + high, example);
    }
    return value;
  }

  long bytesAtLeast(String path, long minimum, String example) {
    long value;
    try {
      value = config.getBytes(path);
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw Errors.invalidConfigValue(key(path), raw(path), "a size such as 512m or 1g", example);
    }
    if (value < minimum) {
      throw Errors.invalidConfigValue(
          key(path), raw(path), "at least " + minimum + " bytes", example);
    }
    return value;
  }

  boolean bool(String path) {
    try {
      return config.getBoolean(path);
    } catch (ConfigException.WrongType e) {
      throw Errors.invalidConfigValue(key(path), raw(path), "true or false", "true");
    }
  }

  String oneOf(String path, java.util.Set<String> allowed, String example) {
    String value = string(path);
    if (!allowed.contains(value)) {
      throw Errors.invalidConfigValue(
          key(path), value, "one of " + new java.util.TreeSet<>(allowed), example);
    }
    return value;
  }

  Duration positiveDuration(String path, String example) {
    Duration value;
    try {
      value = config.getDuration(path);
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw Errors.invalidConfigValue(key(path), raw(path), "a duration", example);
    }
    if (value.isZero() || value.isNegative()) {
      throw Errors.invalidConfigValue(key(path), config.getString(path), "> 0", example);
    }
    return value;
  }

  List<String> stringList(String path, String example) {
    try {
      return List.copyOf(config.getStringList(path));
    } catch (ConfigException.WrongType e) {
      throw Errors.invalidConfigValue(key(path), raw(path), "a list of names", example);
    }
  }

  URI httpUrl(String path, String example) {
    String value = nonEmptyString(path, example);
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
        throw Errors.invalidConfigValue(key(path), value, "an http(s) URL", example);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw Errors.invalidConfigValue(key(path), value, "an http(s) URL", example);
    }
  }

  Config raw() {
    return config;
  }

  private Object raw(String path) {
    return config.getValue(path).unwrapped();
  }
}
