package io.precis.chunking.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.chunking.source.LocalDocumentSource;
import io.precis.core.config.ParsingSettings;
import io.precis.core.model.DocumentRef;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every hostile fixture (see documents/README.md: zip bombs, parsers that never end or exhaust the
 * heap, corrupt and encrypted files) through the isolated parser, in one batch with real documents:
 * each gives the outcome the README expects, within its timeout plus 10% (a killed parse is charged
 * its timeout and the kill, not the next worker's start), and the real documents after it still
 * parse.
 */
class HostileDocumentsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Pattern ROW = Pattern.compile("^\\| `(hostile/[^`]+)` \\|(.*)$");
  private static final Pattern CODE = Pattern.compile("`([A-Z_]{5,})`");

  @Test
  void eachHostileFileBecomesItsExpectedOutcomeInBoundedTimeAndTheBatchGoesOn() throws Exception {
    Path fixtures = fixtures();
    Map<String, Set<String>> expected = expectedOutcomes(fixtures.resolve("README.md"));
    assertThat(expected).hasSizeGreaterThanOrEqualTo(10);
    ParsingSettings settings =
        new ParsingSettings(20_000_000, true, TIMEOUT, 256L << 20, 1000, true, 1000, 5, 1L << 30);
    Path healthy = fixtures.resolve("md/pip-getting-started.md");

    List<String> report = new ArrayList<>();
    try (IsolatedDocumentParser parser = new IsolatedDocumentParser(settings)) {
      for (Map.Entry<String, Set<String>> entry : expected.entrySet()) {
        parse(parser, healthy); // a live, warm worker, so the clock sees only the hostile parse
        Path file = fixtures.resolve(entry.getKey());
        long started = System.nanoTime();
        ParseOutcome outcome = parse(parser, file);
        long millis = (System.nanoTime() - started) / 1_000_000;

        String got =
            outcome instanceof ParseOutcome.Failed failed ? failed.code().name() : "PARSED";
        report.add(String.format("%-45s %-20s %6d ms", entry.getKey(), got, millis));
        assertThat(entry.getValue()).as(entry.getKey() + " gave " + outcome).contains(got);
        assertThat(millis).as(entry.getKey()).isLessThanOrEqualTo(TIMEOUT.toMillis() * 11 / 10);
        assertThat(parse(parser, healthy))
            .as("after " + entry.getKey())
            .isInstanceOf(ParseOutcome.Parsed.class);
      }
    }
    System.out.println("hostile documents, timeout " + TIMEOUT.toMillis() + " ms:");
    report.forEach(System.out::println);
  }

  private static ParseOutcome parse(IsolatedDocumentParser parser, Path file) {
    LocalDocumentSource source = new LocalDocumentSource(List.of(file));
    DocumentRef document = source.list().get(0);
    return parser.parse(document, source);
  }

  /** For each hostile file, the outcomes the README's expected-outcome column names. */
  static Map<String, Set<String>> expectedOutcomes(Path readme) throws IOException {
    Map<String, Set<String>> expected = new LinkedHashMap<>();
    for (String line : Files.readAllLines(readme)) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        String[] cells = row.group(2).split("\\|");
        String outcome = cells[5]; // format, bytes, origin, licence, provokes, expected, observed
        Matcher codes = CODE.matcher(outcome);
        Set<String> names = codes.results().map(m -> m.group(1)).collect(Collectors.toSet());
        expected.put(row.group(1), names);
      }
    }
    return expected;
  }

  private static Path fixtures() throws URISyntaxException {
    return Path.of(HostileDocumentsTest.class.getResource("/documents/README.md").toURI())
        .getParent();
  }
}
