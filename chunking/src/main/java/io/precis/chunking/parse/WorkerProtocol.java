package io.precis.chunking.parse;

import io.precis.core.config.ParsingSettings;
import io.precis.core.model.DocumentRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * The wire format between a parent and its parsing JVM: a request is a document and the local file
 * that holds its bytes; an answer is the Java-serialized {@link ParseOutcome}, length-prefixed.
 * Both ends run the same classes, so Java serialization is safe here.
 */
final class WorkerProtocol {
  static final String READY = "precis-parse-worker-ready";
  private static final int PARSE = 1;
  private static final int QUIT = 0;

  /** A document to parse, and the local file to read it from. */
  record Request(DocumentRef document, String file) {}

  private WorkerProtocol() {}

  static void writeRequest(DataOutputStream out, DocumentRef document, String file)
      throws IOException {
    out.writeInt(PARSE);
    writeString(out, document.uri());
    out.writeLong(document.bytes());
    writeString(out, document.version());
    writeString(out, file);
    out.flush();
  }

  static void writeQuit(DataOutputStream out) throws IOException {
    out.writeInt(QUIT);
    out.flush();
  }

  /** The next request, or null for quit. */
  static Request readRequest(DataInputStream in) throws IOException {
    if (in.readInt() == QUIT) {
      return null;
    }
    String uri = readString(in);
    long bytes = in.readLong();
    String version = readString(in);
    return new Request(new DocumentRef(uri, bytes, version), readString(in));
  }

  static void writeOutcome(DataOutputStream out, ParseOutcome outcome) throws IOException {
    byte[] payload = serialize(outcome);
    out.writeInt(payload.length);
    out.write(payload);
    out.flush();
  }

  static ParseOutcome readOutcome(DataInputStream in) throws IOException {
    byte[] payload = new byte[in.readInt()];
    in.readFully(payload);
    return (ParseOutcome) deserialize(payload);
  }

  static String encodeSettings(ParsingSettings settings) {
    return Base64.getEncoder().encodeToString(serialize(settings));
  }

  static ParsingSettings decodeSettings(String encoded) {
    return (ParsingSettings) deserialize(Base64.getDecoder().decode(encoded));
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] serialize(Serializable value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(byte[] payload) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
      return in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("parent and worker run different classes", e);
    }
  }
}
