package io.precis.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version the build wrote into {@code precis-version.properties}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("/precis-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {"precis " + properties.getProperty("version", "(unknown version)")};
  }
}
