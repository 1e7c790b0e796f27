package io.precis.jobs.cli;

import com.typesafe.config.Config;
import io.precis.core.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command that reads configuration shares. */
public final class ConfigOptions {
  @Option(
      names = "--conf",
      paramLabel = "FILE",
      description = "HOCON file layered over the defaults (examples in conf/).")
  Path conf;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Sets one key over the defaults and --conf; repeatable, later wins.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--verbose", description = "Show stack traces and Spark's own logging.")
  boolean verbose;

  /** Whether --verbose was given. */
  public boolean verbose() {
    return verbose;
  }

  public Config load(List<String> extraSets) {
    return load(List.of(), extraSets);
  }

  /**
   * The effective configuration: defaults, then the base layers, then --conf, then --set, then the
   * dedicated flags (--feature, --tenant...), which are the most specific.
   */
  Config load(List<Config> baseLayers, List<String> extraSets) {
    List<Config> layers = new ArrayList<>(baseLayers);
    if (conf != null) {
      layers.add(ConfigLoader.parseFile(conf));
    }
    List<String> all = new ArrayList<>(sets);
    all.addAll(extraSets);
    return ConfigLoader.load(layers, all);
  }
}
