package io.precis.core.config;

import java.io.Serializable;

/** How text is cleaned before chunking: boilerplate across documents, repeats within one. */
public record CleaningSettings(
    boolean enabled,
    double boilerplateDocumentShare,
    int boilerplateMinDocuments,
    int repeatedLineMinCount,
    int maxBoilerplateLineLength)
    implements Serializable {
  static CleaningSettings from(ConfigReader reader) {
    return new CleaningSettings(
        reader.bool("enabled"),
        reader.share("boilerplate-document-share", "0.3"),
        reader.intAtLeast("boilerplate-min-documents", 2, "5"),
        reader.intAtLeast("repeated-line-min-count", 2, "3"),
        reader.intAtLeast("max-boilerplate-line-length", 1, "200"));
  }
}
