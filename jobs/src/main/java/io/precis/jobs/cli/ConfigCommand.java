package io.precis.jobs.cli;

import com.typesafe.config.Config;
import io.precis.core.config.ConfigRenderer;
import io.precis.core.config.PrecisSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code precis config}: prints the effective configuration, secrets redacted. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the effective configuration (defaults, then --conf, then --set), validated, with"
          + " secrets redacted."
    })
final class ConfigCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Config config = options.load(List.of());
    PrecisSettings.from(config); // validates every value, not only the keys
    spec.commandLine().getOut().print(ConfigRenderer.render(config, System::getenv));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
