package io.precis.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.precis.core.errors.Errors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rejects configuration keys that precis does not read, so that a typo fails loudly instead of
 * being silently ignored. Three subtrees are open maps: {@code spark.conf} (passed to Spark as is),
 * {@code prices} (validated entry by entry by the price table) and {@code llm.tiers} (each tier
 * takes the keys of {@code llm.tier-defaults}).
 */
final class KeyValidator {
  private static final Set<String> SECRET_WORDS =
      Set.of("secret", "password", "passwd", "credential", "credentials", "apikey");
  private static final Set<String> SECRET_PAIRS =
      Set.of(
          "api key",
          "access token",
          "auth token",
          "bearer token",
          "session token",
          "refresh token");

  private KeyValidator() {}

  static void rejectUnknownKeys(Config reference, Config user) {
    Set<String> tierKeys = reference.getConfig("llm.tier-defaults").root().keySet();
    List<String> knownKeys = knownKeys(reference, tierKeys);
    for (Map.Entry<String, ConfigValue> entry : user.entrySet()) {
      String key = entry.getKey();
      List<String> path = ConfigUtil.splitPath(key);
      String origin = describe(entry.getValue().origin());
      if (looksLikeSecret(path)) {
        throw Errors.secretInConfig(key, origin);
      }
      if (isKnown(reference, tierKeys, path, key)) {
        continue;
      }
      Optional<String> scalar = scalarAbove(reference, path);
      if (scalar.isPresent()) {
        // job.attribution { match = ... } for job.attribution = [{ match = ... }]
        throw Errors.objectForValue(
            scalar.get(),
            reference.getValue(scalar.get()).valueType().name().toLowerCase(java.util.Locale.ROOT),
            origin);
      }
      throw Errors.unknownConfigKey(key, origin, closest(key, knownKeys));
    }
  }

  private static boolean isKnown(
      Config reference, Set<String> tierKeys, List<String> path, String key) {
    String head = path.get(0);
    if (head.equals("spark") && path.size() >= 3 && path.get(1).equals("conf")) {
      return true;
    }
    if (head.equals("prices") && path.size() >= 2) {
      return true;
    }
    if (head.equals("llm") && path.size() >= 2 && path.get(1).equals("tiers")) {
      return path.size() == 4 && tierKeys.contains(path.get(3));
    }
    return reference.hasPathOrNull(key)
        && reference.getValue(key).valueType() != ConfigValueType.OBJECT;
  }

  /**
   * The key above this one that the reference holds as a value (a list, a string...), not an
   * object: the user wrote an object where a value belongs.
   */
  private static Optional<String> scalarAbove(Config reference, List<String> path) {
    for (int i = 1; i < path.size(); i++) {
      String prefix = ConfigUtil.joinPath(path.subList(0, i));
      if (reference.hasPathOrNull(prefix)
          && reference.getValue(prefix).valueType() != ConfigValueType.OBJECT) {
        return Optional.of(prefix);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a key names a secret, by the words of its whole path: spark.conf keys nest, so
   * spark.conf.spark.hadoop.fs.s3a.secret.key holds a secret although its last element is "key". A
   * key ending in -env names a variable, not a value.
   */
  static boolean looksLikeSecret(List<String> path) {
    if (path.get(path.size() - 1).endsWith("-env")) {
      return false;
    }
    String[] words = String.join(".", path).toLowerCase(java.util.Locale.ROOT).split("[-_.]");
    for (int i = 0; i < words.length; i++) {
      if (SECRET_WORDS.contains(words[i])) {
        return true;
      }
      if (i + 1 < words.length && SECRET_PAIRS.contains(words[i] + " " + words[i + 1])) {
        return true;
      }
    }
    return false;
  }

  private static List<String> knownKeys(Config reference, Set<String> tierKeys) {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> entry : reference.entrySet()) {
      List<String> path = ConfigUtil.splitPath(entry.getKey());
      if (!path.get(0).equals("prices")) {
        keys.add(entry.getKey());
      }
    }
    for (String tier : reference.getConfig("llm.tiers").root().keySet()) {
      for (String tierKey : tierKeys) {
        keys.add("llm.tiers." + tier + "." + tierKey);
      }
    }
    return keys;
  }

  static Optional<String> closest(String key, List<String> candidates) {
    return candidates.stream()
        .map(candidate -> Map.entry(candidate, distance(key, candidate)))
        .filter(e -> e.getValue() <= Math.max(2, key.length() / 4))
        .min(Comparator.comparingInt(Map.Entry<String, Integer>::getValue))
        .map(Map.Entry::getKey);
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  static String describe(ConfigOrigin origin) {
    String description = origin.description();
    return description == null ? "unknown origin" : description;
  }
}
