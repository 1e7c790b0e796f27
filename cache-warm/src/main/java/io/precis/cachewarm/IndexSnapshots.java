package io.precis.cachewarm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;

/**
 * The published index snapshots under one root folder (local, {@code s3a://}, any Hadoop file
 * system): each snapshot is a folder {@code v00000001}, {@code v00000002}..., and the file {@code
 * LATEST} names the newest complete one. A snapshot is copied in under a temporary name and renamed
 * before {@code LATEST} points to it, so a reader never opens a half-written snapshot; readers pin
 * the version they read at the start of a job.
 */
public final class IndexSnapshots {
  static final String POINTER = "LATEST";
  private static final Pattern VERSION = Pattern.compile("v(\\d{8})");

  private final Path root;
  private final Configuration conf;

  public IndexSnapshots(String root, Configuration conf) {
    this.root = new Path(root);
    this.conf = conf;
  }

  /** The snapshot root of a warehouse when {@code cache.index-path} is empty. */
  public static String defaultRoot(String warehouse) {
    return (warehouse.endsWith("/") ? warehouse : warehouse + "/") + "cache_index";
  }

  public String root() {
    return root.toString();
  }

  /** The newest published version, if any. */
  public Optional<String> latest() {
    try {
      FileSystem fs = root.getFileSystem(conf);
      Path pointer = new Path(root, POINTER);
      if (!fs.exists(pointer)) {
        return Optional.empty();
      }
      try (var in = fs.open(pointer)) {
        String version = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        return VERSION.matcher(version).matches() ? Optional.of(version) : Optional.empty();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + new Path(root, POINTER), e);
    }
  }

  /** Where a version lives. */
  public String location(String version) {
    return new Path(root, version).toString();
  }

  /**
   * Copies a snapshot built in a local folder under the root as the next version, then points
   * {@code LATEST} at it, and deletes all but the newest {@code keep} versions.
   *
   * @return the version published
   */
  public String publish(java.nio.file.Path built, int keep) {
    try {
      FileSystem fs = root.getFileSystem(conf);
      fs.mkdirs(root);
      List<Integer> versions = versions(fs);
      int next = versions.isEmpty() ? 1 : versions.get(versions.size() - 1) + 1;
      String version = String.format("v%08d", next);
      Path partial = new Path(root, "." + version + "-" + UUID.randomUUID() + ".partial");
      fs.copyFromLocalFile(false, true, new Path(built.toUri()), partial);
      if (!fs.rename(partial, new Path(root, version))) {
        throw new IOException("cannot rename " + partial + " to " + version);
      }
      Path pointerPartial = new Path(root, "." + POINTER + "-" + UUID.randomUUID());
      try (FSDataOutputStream out = fs.create(pointerPartial, true)) {
        out.write(version.getBytes(StandardCharsets.UTF_8));
      }
      Path pointer = new Path(root, POINTER);
      fs.delete(pointer, false);
      if (!fs.rename(pointerPartial, pointer)) {
        throw new IOException("cannot rename " + pointerPartial + " to " + POINTER);
      }
      versions.add(next);
      for (int i = 0; i < versions.size() - keep; i++) {
        fs.delete(new Path(root, String.format("v%08d", versions.get(i))), true);
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish the index snapshot under " + root, e);
    }
  }

  /**
   * A local folder holding the version: the folder itself when the root is on the local file
   * system, else a copy under {@code localCache} (made once; a copy being made by another thread or
   * JVM is never opened half-made).
   */
  public java.nio.file.Path local(String version, java.nio.file.Path localCache) {
    Path remote = new Path(root, version);
    try {
      FileSystem fs = remote.getFileSystem(conf);
      if ("file".equals(fs.getScheme())) {
        return java.nio.file.Path.of(fs.makeQualified(remote).toUri());
      }
      String name = Integer.toHexString(root.toString().hashCode()) + "-" + version;
      java.nio.file.Path target = localCache.resolve(name);
      if (java.nio.file.Files.isDirectory(target)) {
        return target;
      }
      java.nio.file.Files.createDirectories(localCache);
      java.nio.file.Path partial = localCache.resolve(name + "-" + UUID.randomUUID() + ".partial");
      FileUtil.copy(fs, remote, partial.toFile(), false, conf);
      try {
        java.nio.file.Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileAlreadyExistsException
          | java.nio.file.DirectoryNotEmptyException e) {
        FileUtil.fullyDelete(partial.toFile()); // another task copied it first
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the index snapshot " + remote, e);
    }
  }

  private List<Integer> versions(FileSystem fs) throws IOException {
    List<Integer> versions = new ArrayList<>();
    if (!fs.exists(root)) {
      return versions;
    }
    for (FileStatus status : fs.listStatus(root)) {
      Matcher matcher = VERSION.matcher(status.getPath().getName());
      if (status.isDirectory() && matcher.matches()) {
        versions.add(Integer.parseInt(matcher.group(1)));
      }
    }
    versions.sort(null);
    return versions;
  }
}
