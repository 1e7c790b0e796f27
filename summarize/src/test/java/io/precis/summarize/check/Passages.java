package io.precis.summarize.check;

import io.precis.core.config.CheckSettings;
import io.precis.core.config.ConfigLoader;
import io.precis.core.config.PrecisSettings;
import io.precis.summarize.Prompt;
import io.precis.testkit.sim.QualityRule;
import io.precis.testkit.sim.SimulatedModel;
import java.util.List;
import java.util.Optional;

/** Passages of the kinds the corpus holds, and the simulator's answers to them. */
final class Passages {
  private Passages() {}

  static final String MODEL = "llama3.2:3b";
  static final int WORDS = 60;
  static final int MAX_TOKENS = 256;

  static final String FINANCIAL =
      "Northgate Logistics reported revenue of $48.2 million for the quarter ended March 31,"
          + " 2024, up 12.46% from the same quarter of 2023. Operating margin was 9.8%, against"
          + " 7.1% a year earlier, as fuel costs fell by $3,150,000. The company handled 1,284,000"
          + " parcels, a record, and opened three depots in the second half of the year. Net debt"
          + " stood at $112 million, and the board approved a dividend of $0.42 per share, payable"
          + " on May 15. Chief executive Dana Whitfield said demand from online retailers remained"
          + " strong, while warehouse wages rose 6% after a new agreement with the union. The"
          + " company expects full-year revenue between $195 million and $205 million, and capital"
          + " spending of about $30 million, mostly on electric vans. Its shares closed at $27.80"
          + " on the day of the announcement. Analysts at Meridian Securities kept their rating"
          + " unchanged and noted that the cash position of $64.5 million leaves room for the"
          + " planned acquisition of a regional carrier in the third quarter.";

  static final String LICENCE =
      "Permission is hereby granted, free of charge, to any person obtaining a copy of this"
          + " software and associated documentation files (the Software), to deal in the Software"
          + " without restriction, including without limitation the rights to use, copy, modify,"
          + " merge, publish, distribute, sublicense, and/or sell copies of the Software, subject"
          + " to the following conditions. The above copyright notice and this permission notice"
          + " shall be included in all copies or substantial portions of the Software. Section 2"
          + " applies to every redistribution made after January 1, 2020. The Software is"
          + " provided as is, without warranty of any kind, express or implied, including but"
          + " not limited to the warranties of merchantability, fitness for a particular purpose"
          + " and noninfringement. In no event shall the authors or copyright holders be liable"
          + " for any claim, damages or other liability, whether in an action of contract, tort"
          + " or otherwise, arising from, out of or in connection with the Software or the use or"
          + " other dealings in the Software. This licence is published by the Open Source"
          + " Initiative (OSI) and is known as the MIT License.";

  static final String TUTORIAL =
      "Python 3.12 makes f-strings more flexible: quotes may now be reused inside the"
          + " replacement fields, and expressions may span several lines. The interpreter also"
          + " gives better error messages, suggesting a missing import when a name such as sys is"
          + " not defined. To try it, create a virtual environment with python3 -m venv .venv and"
          + " activate it. The tutorial then builds a small program that reads a CSV file of 500"
          + " rows, counts the values of its second column with collections.Counter and prints"
          + " the ten most common ones. Each step is explained in turn: opening the file with a"
          + " with statement, so that it is closed even when an exception is raised; iterating"
          + " over the rows with the csv module; and formatting the output so that the counts"
          + " line up in a column. The Python Software Foundation maintains the language and"
          + " publishes a new feature release every October, and each release is supported with"
          + " security fixes for five years. Readers who use an older version should note that"
          + " the syntax shown in the first example fails before 3.12.";

  static final List<String> ALL = List.of(FINANCIAL, LICENCE, TUTORIAL);

  /** The shipped defaults, with overrides. */
  static CheckSettings settings(String... overrides) {
    return PrecisSettings.from(ConfigLoader.load(Optional.empty(), List.of(overrides))).checks();
  }

  /**
   * The simulator's answer to the chunk prompt for {@code source} (as precis sends it), under a
   * rule with {@code behaviour} that applies to every text with a digit, or the faithful answer.
   */
  static String answer(String source, QualityRule.Behaviour behaviour) {
    Prompt prompt = Prompt.CHUNK_SUMMARY;
    List<QualityRule> rules =
        behaviour == null ? List.of() : List.of(QualityRule.badAtNumbers(".*", 0.0, behaviour));
    return SimulatedModel.summarize(
        MODEL, prompt.system(WORDS), prompt.user("report.txt", source), MAX_TOKENS, rules);
  }
}
