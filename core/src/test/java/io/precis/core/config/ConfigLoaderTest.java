package io.precis.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import io.precis.core.errors.PrecisException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path directory;

  @Test
  void defaultsMapToEverySetting() {
    PrecisSettings settings = PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of()));

    assertThat(settings.job()).isEqualTo(new JobSettings("default", "default", ""));
    assertThat(settings.spark().master()).isEqualTo("local[*]");
    assertThat(settings.spark().appName()).isEqualTo("precis");
    assertThat(settings.spark().partitions()).isZero();
    assertThat(settings.spark().conf()).isEmpty();
    assertThat(settings.source())
        .isEqualTo(new SourceSettings(List.of(), List.of(), "", "us-east-1", false));
    assertThat(settings.parsing())
        .isEqualTo(
            new ParsingSettings(
                20_000_000L,
                true,
                Duration.ofSeconds(60),
                512L << 20,
                2000,
                true,
                1000,
                5,
                1L << 30));
    assertThat(settings.cleaning()).isEqualTo(new CleaningSettings(true, 0.3, 5, 3, 200));
    assertThat(settings.chunking()).isEqualTo(new ChunkingSettings(512, 0, "o200k_base", 64, 5));
    assertThat(settings.routing().examples()).isEmpty();
    assertThat(settings.routing().k()).isEqualTo(5);
    assertThat(settings.routing().tiers("complex")).containsExactly("premium");
    assertThat(settings.summary()).isEqualTo(new SummarySettings(60, 150, 3000, 64));
    assertThat(settings.alerts())
        .isEqualTo(new AlertSettings(4, 1.5, 2, 1.2, 2, new BigDecimal("1.0"), ""));
    assertThat(settings.llm().cascade()).containsExactly("cheap", "premium");
    assertThat(settings.llm().baselineTier()).isEqualTo("premium");

    TierSettings cheap = settings.llm().cheapest();
    assertThat(cheap.provider()).isEqualTo(Provider.OLLAMA);
    assertThat(cheap.baseUrl().toString()).isEqualTo("http://localhost:11434");
    assertThat(cheap.model()).isEqualTo("llama3.2:3b");
    assertThat(cheap.apiKeyEnv()).isEmpty();
    assertThat(cheap.timeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(cheap.maxOutputTokens()).isEqualTo(256);
    assertThat(cheap.temperature()).isZero();
    TierSettings premium = settings.llm().mostCapable();
    assertThat(premium.provider()).isEqualTo(Provider.OPENAI);
    assertThat(premium.model()).isEqualTo("gpt-4o");
    assertThat(premium.apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
    assertThat(premium.modelKey()).isEqualTo("openai/gpt-4o");

    // The shipped price table prices both default models.
    assertThat(
            settings
                .prices()
                .price("openai/gpt-4o", LocalDate.of(2025, 1, 1))
                .orElseThrow()
                .inputPerMillion())
        .isEqualByComparingTo("2.50");
    assertThat(settings.prices().price("ollama/llama3.2:3b", LocalDate.of(2025, 1, 1))).isPresent();
  }

  @Test
  void fileLayersOverDefaultsAndSetLayersOverBoth() throws IOException {
    Path file = directory.resolve("job.conf");
    Files.writeString(
        file,
        """
        chunking { max-tokens = 300, overlap-tokens = 20 }
        job.feature = "from-file"
        llm.tiers.cheap.base-url = "http://ollama.internal:11434"
        """);

    PrecisSettings settings =
        PrecisSettings.from(
            ConfigLoader.load(
                Optional.of(file),
                List.of(
                    "chunking.max-tokens=400",
                    "llm.tiers.premium.model=gpt-4o-mini",
                    "llm.cascade=[cheap]",
                    "spark.conf.\"spark.driver.memory\"=2g")));

    assertThat(settings.chunking().maxTokens()).isEqualTo(400);
    assertThat(settings.chunking().overlapTokens()).isEqualTo(20);
    assertThat(settings.job().feature()).isEqualTo("from-file");
    assertThat(settings.llm().cheapest().baseUrl().getHost()).isEqualTo("ollama.internal");
    assertThat(settings.llm().tier("premium").model()).isEqualTo("gpt-4o-mini");
    assertThat(settings.llm().cascade()).containsExactly("cheap");
    assertThat(settings.spark().conf()).containsEntry("spark.driver.memory", "2g");
  }

  @Test
  void sparkConfKeysMayBeNestedOrQuoted() throws IOException {
    Path file = directory.resolve("spark.conf");
    Files.writeString(
        file, "spark.conf { spark.driver.memory = 4g, \"spark.sql.shuffle.partitions\" = 16 }\n");

    PrecisSettings settings = PrecisSettings.from(ConfigLoader.load(Optional.of(file), List.of()));

    assertThat(settings.spark().conf())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("spark.driver.memory", "4g", "spark.sql.shuffle.partitions", "16"));
  }

  @Test
  void laterSetWinsOverEarlierSet() {
    Config config =
        ConfigLoader.load(
            Optional.empty(), List.of("summary.chunk-words=10", "summary.chunk-words=20"));
    assertThat(config.getInt("summary.chunk-words")).isEqualTo(20);
  }

  @Test
  void newTierTakesItsMissingKeysFromTierDefaults() {
    PrecisSettings settings =
        PrecisSettings.from(
            ConfigLoader.load(
                Optional.empty(),
                List.of(
                    "llm.tiers.medium.base-url=http://gpu-box:11434",
                    "llm.tiers.medium.model=qwen2.5:7b",
                    "llm.cascade=[cheap,medium,premium]")));

    TierSettings medium = settings.llm().tier("medium");
    assertThat(medium.provider()).isEqualTo(Provider.OLLAMA);
    assertThat(medium.timeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(settings.pricedTiers())
        .extracting(TierSettings::name)
        .containsExactly("cheap", "medium", "premium");
  }

  @Test
  void unknownKeyIsRejectedByNameWithASuggestion() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), List.of("chunking.max-token=400")))
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "Unknown config key 'chunking.max-token' (--set chunking.max-token). Did you mean"
                + " 'chunking.max-tokens'? Every key is listed in docs/configuration.md.");
  }

  @Test
  void unknownKeyInAFileNamesTheFileAndLine() throws IOException {
    Path file = directory.resolve("bad.conf");
    Files.writeString(file, "job {\n  feature = x\n  colour = blue\n}\n");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), List.of()))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith("Unknown config key 'job.colour' (" + file)
        .hasMessageContaining(": 3")
        .hasMessageContaining("Remove it, or check its spelling.");
  }

  @Test
  void unknownTierKeyIsRejected() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.empty(), List.of("llm.tiers.cheap.modle=x")))
        .isInstanceOf(PrecisException.class)
        .hasMessageContaining("Unknown config key 'llm.tiers.cheap.modle'")
        .hasMessageContaining("Did you mean 'llm.tiers.cheap.model'?");
  }

  @Test
  void secretsAreRefusedInConfiguration() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Optional.empty(), List.of("llm.tiers.premium.api-key=sk-123")))
        .isInstanceOf(PrecisException.class)
        .hasMessageContaining("'llm.tiers.premium.api-key'")
        .hasMessageContaining("API keys come only from environment variables")
        .hasMessageNotContaining("sk-123");
  }

  @Test
  void secretsNestedUnderSparkConfAreRefusedToo() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Optional.empty(), List.of("spark.conf.spark.hadoop.fs.s3a.secret.key=abc")))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith("Config key 'spark.conf.spark.hadoop.fs.s3a.secret.key'")
        .hasMessageContaining("would put a secret in a configuration file");
  }

  @Test
  void anInvalidUrlIsQuotedWithItsPasswordRedacted() {
    assertThat(messageFor("llm.tiers.cheap.base-url=ftp://bob:hunter2@host/x"))
        .isEqualTo(
            "Config key 'llm.tiers.cheap.base-url' is set to 'ftp://<redacted>@host/x' but must be"
                + " an http(s) URL. Set it to e.g. \"http://localhost:11434\".");
  }

  @Test
  void malformedFileSaysWhereAndHowToFix() throws IOException {
    Path file = directory.resolve("broken.conf");
    Files.writeString(file, "chunking { max-tokens = \n");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), List.of()))
        .isInstanceOf(PrecisException.class)
        .hasMessageStartingWith("Cannot read configuration from " + file)
        .hasMessageEndingWith("Fix the syntax (HOCON, see docs/configuration.md).");
  }

  @Test
  void missingFileIsAnError() {
    Path file = directory.resolve("nope.conf");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), List.of()))
        .hasMessage(
            "Config file "
                + file
                + " does not exist. Pass an existing file to --conf (examples are in conf/).");
  }

  @Test
  void setWithoutEqualsIsAnError() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), List.of("chunking.max-tokens")))
        .hasMessage(
            "--set expects key=value but got 'chunking.max-tokens'. Write e.g. --set"
                + " chunking.max-tokens=400.");
  }

  @Test
  void invalidValuesNameTheKeyTheValueAndAnExample() {
    assertThat(messageFor("chunking.max-tokens=0"))
        .isEqualTo(
            "Config key 'chunking.max-tokens' is set to 0 but must be >= 16. Set it to e.g. 512.");
    assertThat(messageFor("chunking.max-tokens=lots"))
        .isEqualTo(
            "Config key 'chunking.max-tokens' is set to 'lots' but must be a whole number. Set it"
                + " to e.g. 512.");
    assertThat(messageFor("routing.min-confidence=1.5"))
        .startsWith(
            "Config key 'routing.min-confidence' is set to 1.5 but must be between 0 and 1");
    assertThat(messageFor("llm.tiers.premium.base-url=htp:/x"))
        .isEqualTo(
            "Config key 'llm.tiers.premium.base-url' is set to 'htp:/x' but must be an http(s) URL."
                + " Set it to e.g. \"http://localhost:11434\".");
    assertThat(messageFor("llm.tiers.cheap.provider=bedrock"))
        .startsWith(
            "Config key 'llm.tiers.cheap.provider' is set to 'bedrock' but must be \"ollama\","
                + " \"openai\" or \"anthropic\". Set it to e.g. \"ollama\".");
    assertThat(messageFor("llm.tiers.cheap.timeout=0s"))
        .startsWith("Config key 'llm.tiers.cheap.timeout' is set to '0s' but must be > 0");
    assertThat(messageFor("chunking.overlap-tokens=300"))
        .startsWith(
            "Config key 'chunking.overlap-tokens' is set to 300 but must be less than half of"
                + " chunking.max-tokens (512)");
    assertThat(messageFor("llm.cascade=[cheap,medium]"))
        .startsWith("Config key 'llm.cascade' names tier 'medium', which is not defined.");
    assertThat(messageFor("alerts.clear-factor=2"))
        .startsWith(
            "Config key 'alerts.clear-factor' is set to 2.0 but must be at most alerts.fire-factor"
                + " (1.5), or an alert could never clear.");
    assertThat(messageFor("cleaning.enabled=maybe"))
        .isEqualTo(
            "Config key 'cleaning.enabled' is set to 'maybe' but must be true or false. Set it to"
                + " e.g. true.");
    assertThat(messageFor("parsing.isolation=thread"))
        .startsWith(
            "Config key 'parsing.isolation' is set to 'thread' but must be one of [none, process]");
    assertThat(messageFor("parsing.worker-heap=lots"))
        .startsWith("Config key 'parsing.worker-heap' is set to 'lots' but must be a size such as");
    assertThat(messageFor("source.s3.endpoint=minio:9000"))
        .startsWith(
            "Config key 'source.s3.endpoint' is set to 'minio:9000' but must be an http(s) URL");
    assertThat(messageFor("llm.baseline-tier=gold"))
        .startsWith("Config key 'llm.baseline-tier' names tier 'gold', which is not defined.");
  }

  @Test
  void attributionRulesAreReadInOrder() throws IOException {
    Path file = directory.resolve("attribution.conf");
    Files.writeString(
        file,
        """
        job.attribution = [
          { match = "**/contracts/**", feature = "contract-review" }
          { match = "acme-inbox/**", tenant = "acme", feature = "support-digest" }
        ]
        """);
    PrecisSettings settings = PrecisSettings.from(ConfigLoader.load(Optional.of(file), List.of()));

    assertThat(settings.job().attribution().rules())
        .containsExactly(
            new io.precis.core.model.Attribution.Rule("**/contracts/**", "contract-review", ""),
            new io.precis.core.model.Attribution.Rule("acme-inbox/**", "support-digest", "acme"));
    assertThat(settings.job().feature()).isEqualTo("default");
  }

  @Test
  void retriesDefaultToThreeAttemptsAndAMaxDelayUnderTheBaseIsRefused() {
    PrecisSettings settings = PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of()));
    assertThat(settings.llm().retry())
        .isEqualTo(new RetrySettings(3, Duration.ofMillis(500), Duration.ofSeconds(20)));
    assertThat(messageFor("llm.retry.max-delay=100ms"))
        .isEqualTo(
            "Config key 'llm.retry.max-delay' is set to '100ms' but must be at least"
                + " llm.retry.base-delay. Set it to e.g. 20s.");
    assertThat(messageFor("llm.retry.max-attempts=0"))
        .startsWith("Config key 'llm.retry.max-attempts' is set to 0 but must be >= 1.");
  }

  @Test
  void invalidAttributionRulesNameTheKey() {
    assertThat(messageFor("job.attribution=[{match=\"a/**\",feature=x},{feature=y}]"))
        .isEqualTo(
            "Config key 'job.attribution[1].match' is set to 'missing' but must be set, to a glob"
                + " matched against each document's path (bucket/key for S3). Set it to e.g."
                + " \"**/contracts/**\".");
    assertThat(messageFor("job.attribution=[{match=\"a/**\"}]"))
        .isEqualTo(
            "Config key 'job.attribution[0]' is set to {match=a/**} but must be a rule that sets"
                + " feature, tenant or both. Set it to e.g. { match = \"**/contracts/**\", feature"
                + " = \"contract-review\" }.");
    assertThat(messageFor("job.attribution=[{match=\"a/**\",feature=x},{match=b,feature=\"\"}]"))
        .isEqualTo(
            "Config key 'job.attribution[1].feature' is set to '' but must be non-empty. Set it to"
                + " e.g. \"contract-review\".");
    assertThat(messageFor("job.attribution=[{match=b,tenant=\" \"}]"))
        .startsWith("Config key 'job.attribution[0].tenant' is set to ' ' but must be non-empty.");
    assertThat(messageFor("job.attribution=[{match=b,feature=[x]}]"))
        .startsWith("Config key 'job.attribution[0].feature' is set to [x] but must be a string.");
    assertThat(messageFor("job.attribution=[{match=\"[a-\",feature=x}]"))
        .startsWith(
            "Config key 'job.attribution[0].match' is set to '[a-' but must be a glob in java.nio"
                + " PathMatcher syntax (");
    assertThat(messageFor("job.attribution=[{mach=\"a/**\",feature=x}]"))
        .startsWith(
            "Unknown config key 'job.attribution[0].mach' (--set job.attribution: 1). Did you mean"
                + " 'job.attribution[0].match'?");
    assertThat(messageFor("job.attribution=[{match=\"a/**\",feature=x,owner=y}]"))
        .startsWith(
            "Unknown config key 'job.attribution[0].owner' (--set job.attribution: 1). Remove it,"
                + " or check its spelling.");
    assertThat(messageFor("job.attribution=[\"**/contracts/**\"]"))
        .startsWith(
            "Config key 'job.attribution[0]' is set to '**/contracts/**' but must be a rule.");
    assertThat(messageFor("job.attribution={match=a,feature=x}"))
        .isEqualTo(
            "Config key 'job.attribution' is written as an object (--set job.attribution: 1) but"
                + " takes a list: write it as job.attribution = [{ ... }, { ... }]. Every key is"
                + " listed in docs/configuration.md.");
    // Any value written as an object: a string here.
    assertThat(messageFor("job.feature={name=x}"))
        .startsWith("Config key 'job.feature' is written as an object (")
        .endsWith("but takes a string. Every key is listed in docs/configuration.md.");
    assertThat(messageFor("job.attribution=x"))
        .startsWith("Config key 'job.attribution' is set to 'x' but must be a list of rules.");
  }

  @Test
  void priceTableEntriesAreValidated() {
    assertThat(messageFor("prices={\"openai/x\"=[{since=\"2024-01-01\",input-per-million=1}]}"))
        .startsWith(
            "Config key 'prices.\"openai/x\"[0].output-per-million' is set to 'missing' but must"
                + " be set.");
    assertThat(
            messageFor(
                "prices={\"openai/x\"=[{since=\"Jan 1\",input-per-million=1,output-per-million=2}]}"))
        .contains(
            "'prices.\"openai/x\"[0].since' is set to 'Jan 1' but must be a date (yyyy-mm-dd)");
    assertThat(
            messageFor(
                "prices={\"openai/x\"=[{since=\"2024-01-01\",input-per-million=1,output-per-million=2,discount=1}]}"))
        .startsWith("Unknown config key 'prices.\"openai/x\"[0].discount'");
  }

  @Test
  void pricesAreExactDecimals() {
    PrecisSettings settings =
        PrecisSettings.from(
            ConfigLoader.load(
                Optional.empty(),
                List.of(
                    "prices={\"openai/tiny\"=[{since=\"2024-01-01\",input-per-million=0.1,"
                        + "output-per-million=0.3}]}")));
    var price = settings.prices().price("openai/tiny", LocalDate.of(2024, 6, 1)).orElseThrow();
    assertThat(price.inputPerMillion()).isEqualTo(new BigDecimal("0.1"));
    assertThat(price.outputPerMillion()).isEqualTo(new BigDecimal("0.3"));
    assertThat(price.cachedInputPerMillion()).isEqualTo(new BigDecimal("0.1"));
  }

  @Test
  void renderRedactsUrlPasswordsAndReportsApiKeyVariablesWithoutValues() {
    Config config =
        ConfigLoader.load(
            Optional.empty(), List.of("llm.tiers.cheap.base-url=http://bob:hunter2@ollama:11434"));

    String withKey = ConfigRenderer.render(config, Map.of("OPENAI_API_KEY", "sk-secret")::get);
    assertThat(withKey)
        .contains("http://<redacted>@ollama:11434")
        .doesNotContain("hunter2")
        .doesNotContain("sk-secret")
        .contains("# API key of tier 'premium': $OPENAI_API_KEY (set, <redacted>)");

    String withoutKey = ConfigRenderer.render(config, name -> null);
    assertThat(withoutKey).contains("$OPENAI_API_KEY (NOT SET)");
  }

  private static String messageFor(String override) {
    try {
      PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of(override)));
    } catch (PrecisException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + override);
  }
}
