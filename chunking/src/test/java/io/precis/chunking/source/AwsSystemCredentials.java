package io.precis.chunking.source;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test the {@link S3TestServer}'s credentials through the AWS default credentials chain
 * (the system properties aws.accessKeyId and aws.secretAccessKey, which the chain reads first), and
 * restores the properties as they were after the test. Sources never get credentials from
 * configuration, so this is how tests hand them over.
 */
public final class AwsSystemCredentials implements BeforeEachCallback, AfterEachCallback {
  private static final String ACCESS_KEY = "aws.accessKeyId";
  private static final String SECRET_KEY = "aws.secretAccessKey";
  private static final String SESSION_TOKEN = "aws.sessionToken";

  private final Map<String, String> saved = new HashMap<>();

  @Override
  public void beforeEach(ExtensionContext context) {
    for (String property : new String[] {ACCESS_KEY, SECRET_KEY, SESSION_TOKEN}) {
      saved.put(property, System.getProperty(property));
    }
    System.clearProperty(SESSION_TOKEN);
    use(S3TestServer.IDENTITY, S3TestServer.CREDENTIAL);
  }

  /** Switches to other credentials for the rest of the test. */
  public void use(String accessKeyId, String secretAccessKey) {
    System.setProperty(ACCESS_KEY, accessKeyId);
    System.setProperty(SECRET_KEY, secretAccessKey);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    saved.forEach(
        (property, value) -> {
          if (value == null) {
            System.clearProperty(property);
          } else {
            System.setProperty(property, value);
          }
        });
    saved.clear();
  }
}
