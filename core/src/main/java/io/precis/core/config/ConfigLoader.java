package io.precis.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.precis.core.errors.Errors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the effective configuration: the defaults in {@code precis/reference.conf}, then a {@code
 * --conf} file, then each {@code --set key=value} in order, each layer over the one before. Keys
 * that precis does not know are rejected by name, before anything runs.
 */
public final class ConfigLoader {
  static final String REFERENCE = "precis/reference.conf";

  private ConfigLoader() {}

  /** The defaults alone, as shipped. */
  public static Config reference() {
    return ConfigFactory.parseResources(
        ConfigLoader.class.getClassLoader(),
        REFERENCE,
        ConfigParseOptions.defaults().setAllowMissing(false));
  }

  /**
   * The effective configuration, resolved.
   *
   * @throws io.precis.core.errors.PrecisException when the file is missing or malformed, a {@code
   *     --set} is not key=value, or a key is unknown
   */
  public static Config load(Optional<Path> file, List<String> overrides) {
    return load(file.map(ConfigLoader::parseFile).stream().toList(), overrides);
  }

  /**
   * The effective configuration from layers already parsed (each over the one before), then the
   * overrides.
   */
  public static Config load(List<Config> layers, List<String> overrides) {
    Config reference = reference();
    Config user = ConfigFactory.empty();
    for (Config layer : layers) {
      user = layer.withFallback(user);
    }
    for (String override : overrides) {
      user = parseOverride(override).withFallback(user);
    }
    KeyValidator.rejectUnknownKeys(reference, user);
    try {
      return user.withFallback(reference).resolve();
    } catch (ConfigException e) {
      throw Errors.configSyntax("the merged configuration", e.getMessage());
    }
  }

  /** A configuration file shipped on the class path, such as {@code precis/conf/demo.conf}. */
  public static Config parseResource(String name) {
    try {
      return ConfigFactory.parseResources(
          ConfigLoader.class.getClassLoader(),
          name,
          ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw Errors.configSyntax(name, e.getMessage());
    }
  }

  /** A configuration file, as a layer. */
  public static Config parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw Errors.configFileMissing(file);
    }
    try {
      return ConfigFactory.parseFile(
          file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw Errors.configSyntax(file.toString(), e.getMessage());
    }
  }

  private static Config parseOverride(String override) {
    int equals = override.indexOf('=');
    if (equals <= 0) {
      throw Errors.badSetArgument(override);
    }
    String key = override.substring(0, equals).trim();
    String value = override.substring(equals + 1).trim();
    // The origin names the key only: a value may be something that must not be echoed.
    String origin = "--set " + key;
    try {
      if (value.startsWith("[") || value.startsWith("{")) {
        // Lists and objects are written in HOCON: --set llm.cascade=[cheap,premium]
        return ConfigFactory.parseString(
            key + " = " + value, ConfigParseOptions.defaults().setOriginDescription(origin));
      }
      // Everything else is taken as a plain string (URLs hold "//", a HOCON comment); typed
      // getters convert "5", "true" and "30s" to what the key needs.
      return ConfigFactory.parseMap(Map.of(key, value), origin);
    } catch (ConfigException e) {
      throw Errors.configSyntax(origin, e.getMessage());
    }
  }
}
