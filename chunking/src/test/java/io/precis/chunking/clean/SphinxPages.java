package io.precis.chunking.clean;

import java.util.ArrayList;
import java.util.List;

/**
 * Twelve documents shaped like the text Tika extracts from the Python 3.11 documentation's HTML
 * pages (Sphinx, PSF licence): the navigation bar, the page, the sidebar and the footer, with
 * Tika's tab-indented list lines and runs of whitespace-only lines. Ten pages carry the Sphinx
 * chrome; two are plain notes without it. The page texts are abridged from the real pages.
 */
final class SphinxPages {
  private SphinxPages() {}

  /** The lines of the navigation bar and footer that every Sphinx page repeats. */
  static final List<String> CHROME =
      List.of(
          "Navigation",
          "index",
          "modules |",
          "next |",
          "previous |",
          "Python »",
          "3.11.2 Documentation »",
          "The Python Standard Library »",
          "Table of Contents",
          "Previous topic",
          "Next topic",
          "This Page",
          "Report a Bug",
          "Show Source",
          "© Copyright 2001-2023, Python Software Foundation.",
          "This page is licensed under the Python Software Foundation License Version 2.",
          "Last updated on Sep 02, 2023.",
          "Found a bug?",
          "Created using Sphinx 5.3.0.");

  /** The chrome line that carries the page's build date, and so differs from page to page. */
  static final String DATED = "Last updated on Sep 02, 2023.";

  /** The chrome lines found, identical, in every chrome page: the boilerplate. */
  static List<String> identicalChrome() {
    return CHROME.stream().filter(line -> !line.equals(DATED)).toList();
  }

  /** The dated chrome line as page {@code index} has it. */
  static String dated(int index) {
    return DATED.replace("Sep 02", "Sep " + (10 + index % 20));
  }

  /** A line found in exactly five pages: boilerplate by min-documents in twelve. */
  static final String IN_FIVE = "See also";

  /** A line found in exactly four pages: above the 0.3 share of twelve, under min-documents. */
  static final String IN_FOUR = "Changed in version 3.3.";

  private record Page(String title, String source, String body) {}

  private static final List<Page> PAGES =
      List.of(
          new Page(
              "json — JSON encoder and decoder",
              "json/__init__.py",
              "JSON (JavaScript Object Notation), specified by RFC 7159 and by ECMA-404, is a"
                  + " lightweight data interchange format inspired by JavaScript object literal"
                  + " syntax.\n\njson exposes an API familiar to users of the standard library"
                  + " marshal and pickle modules."),
          new Page(
              "csv — CSV File Reading and Writing",
              "csv.py",
              "The so-called CSV (Comma Separated Values) format is the most common import and"
                  + " export format for spreadsheets and databases."),
          new Page(
              "re — Regular expression operations",
              "re/",
              "This module provides regular expression matching operations similar to those"
                  + " found in Perl."),
          new Page(
              "os.path — Common pathname manipulations",
              "posixpath.py",
              "This module implements some useful functions on pathnames. To read or write"
                  + " files see open(), and for accessing the filesystem see the os module."),
          new Page(
              "pathlib — Object-oriented filesystem paths",
              "pathlib.py",
              "This module offers classes representing filesystem paths with semantics"
                  + " appropriate for different operating systems."),
          new Page(
              "datetime — Basic date and time types",
              "datetime.py",
              "The datetime module supplies classes for manipulating dates and times."),
          new Page(
              "random — Generate pseudo-random numbers",
              "random.py",
              "This module implements pseudo-random number generators for various"
                  + " distributions."),
          new Page(
              "shutil — High-level file operations",
              "shutil.py",
              "The shutil module offers a number of high-level operations on files and"
                  + " collections of files."),
          new Page(
              "glob — Unix style pathname pattern expansion",
              "glob.py",
              "The glob module finds all the pathnames matching a specified pattern according"
                  + " to the rules used by the Unix shell."),
          new Page(
              "gzip — Support for gzip files",
              "gzip.py",
              "This module provides a simple interface to compress and decompress files just"
                  + " like the GNU programs gzip and gunzip would."),
          new Page(
              "Release notes",
              null,
              "Plain notes without the Sphinx chrome.\nSee also\nThe changelog lists every fix."),
          new Page(
              "Reading list",
              null,
              "Another page without chrome.\nChanged in version 3.3.\nIt links to the tutorial."));

  /** The twelve documents' texts. */
  static List<String> documents() {
    List<String> documents = new ArrayList<>();
    for (int i = 0; i < PAGES.size(); i++) {
      documents.add(document(i, 1));
    }
    return documents;
  }

  /**
   * The {@code index}-th page's text; {@code copy} above 1 makes its content lines unique to that
   * copy, for corpora bigger than twelve pages.
   */
  static String document(int index, int copy) {
    Page page = PAGES.get(index % PAGES.size());
    String suffix = copy == 1 ? "" : " (copy " + Integer.toString(copy, 36) + ")";
    String body = page.body().replace("\n\n", suffix + "\n\n") + suffix;
    if (page.source() == null) {
      return page.title() + suffix + "\n\n" + body + "\n";
    }
    StringBuilder text = new StringBuilder();
    text.append("\n\n    \n        \n    \n").append(CHROME.get(0)).append("\n\n");
    for (String line : CHROME.subList(1, 8)) {
      text.append('\t').append(line).append('\n');
    }
    text.append("\n  \n\n").append(page.title()).append("¶").append(suffix).append("\n\n");
    text.append("Source code: Lib/").append(page.source()).append("\n\n");
    text.append(body).append("\n\n");
    if (index % PAGES.size() < 3) {
      text.append(IN_FOUR).append("\n");
    }
    if (index % PAGES.size() < 4) {
      text.append(IN_FIVE).append("\n\n");
    }
    for (String line : CHROME.subList(8, CHROME.size())) {
      // Each page was built on another day: its "Last updated" line is its own, not boilerplate.
      text.append("\t").append(line.equals(DATED) ? dated(index) : line).append("   \n\n");
    }
    return text.toString();
  }

  /** What cleaning leaves of a chrome page past the fourth: its title, source line and body. */
  static String content(int index) {
    Page page = PAGES.get(index);
    return page.title() + "¶\n\nSource code: Lib/" + page.source() + "\n\n" + page.body();
  }
}
