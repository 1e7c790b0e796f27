package io.precis.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.errors.PrecisException;
import io.precis.jobs.report.ReportData.Period;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command's checks, all made before Spark starts. */
class ReportCommandTest {
  @TempDir Path directory;

  private static ReportCommand parse(String... args) {
    ReportCommand command = new ReportCommand();
    new CommandLine(command).parseArgs(args);
    // 23:30 in New York is already the next day in UTC, the day the report ends on.
    command.clock =
        Clock.fixed(Instant.parse("2025-03-02T04:30:00Z"), ZoneId.of("America/New_York"));
    return command;
  }

  @Test
  void theDefaultsAreEightWeeksEndingTodayInUtcAndReportHtml() {
    ReportCommand command = parse();
    assertThat(command.period())
        .isEqualTo(new Period(LocalDate.of(2025, 1, 6), LocalDate.of(2025, 3, 2)));
    assertThat(command.output).isEqualTo(Path.of("report.html"));
    assertThat(command.warehouse).isEqualTo("warehouse");
    assertThat(parse("--days", "1").period().days()).isEqualTo(1);
  }

  @Test
  void daysOutsideOneToAYearAreRefused() {
    assertThatThrownBy(() -> parse("--days", "0").period())
        .isInstanceOf(PrecisException.class)
        .hasMessage("Option --days is 0 but must be between 1 and 366.");
    assertThatThrownBy(() -> parse("--days", "367").call())
        .hasMessage("Option --days is 367 but must be between 1 and 366.");
  }

  @Test
  void aWarehouseWithoutTablesSaysToRunAJobFirst() throws Exception {
    Path empty = Files.createDirectories(directory.resolve("warehouse"));
    Files.createDirectories(empty.resolve("job_costs/_delta_log"));
    ReportCommand command = parse("--warehouse", empty.toString());

    String uri = empty.toUri().toString().replaceAll("/$", "");
    assertThatThrownBy(command::call)
        .isInstanceOf(PrecisException.class)
        .hasMessage(
            "No precis tables to report on at "
                + uri
                + " (missing: llm_calls, documents). Run a job into it first (precis run --input"
                + " DIR --warehouse "
                + uri
                + ", or precis demo --warehouse "
                + uri
                + "), or pass the folder a job wrote to --warehouse.");
    assertThat(Files.exists(directory.resolve("report.html"))).isFalse();
  }

  @Test
  void aMissingWarehouseIsNotCreated() {
    Path missing = directory.resolve("no-such-warehouse");
    assertThatThrownBy(parse("--warehouse", missing.toString())::call)
        .hasMessageContaining("(missing: llm_calls, job_costs, documents)");
    assertThat(Files.exists(missing)).isFalse();
  }

  @Test
  void warehousesBecomeUrisWithoutATrailingSlash() {
    assertThat(ReportCommand.warehouseUri("s3a://bucket/w/")).isEqualTo("s3a://bucket/w");
    assertThat(ReportCommand.warehouseUri("/data/w/")).isEqualTo("file:///data/w");
    assertThat(ReportCommand.warehouseUri("file:/data/w")).isEqualTo("file:///data/w");
    assertThat(ReportCommand.warehouseUri("w"))
        .isEqualTo(Path.of("w").toAbsolutePath().toUri().toString().replaceAll("/$", ""));
  }
}
