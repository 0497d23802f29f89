package org.shelters.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The folder that keeps what must survive a restart (signing key, accounts). Files are written to
 * a temporary file first and moved into place, so a crash never leaves half a key; they are readable
 * by their owner only, since they hold a private key and password hashes.
 */
public record DataDir(Path root) {

  public static DataDir open(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new IllegalStateException("identity.data-dir " + root.toAbsolutePath() + " cannot be created: " + e, e);
    }
    if (!Files.isDirectory(root) || !Files.isWritable(root)) {
      throw new IllegalStateException("identity.data-dir " + root.toAbsolutePath() + " is not a writable folder");
    }
    return new DataDir(root);
  }

  public Path file(String name) {
    return root.resolve(name);
  }

  /** Replaces {@code name} with {@code content} in one step. */
  public void replace(String name, String content) {
    Path tmp = writeTemp(name, content);
    try {
      try {
        Files.move(tmp, file(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file(name), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file(name), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /**
   * Writes {@code name} only if it does not exist yet; returns false when another process got there
   * first, so two servers started together on one folder end up with the same key.
   */
  public boolean createOnce(String name, String content) {
    Path tmp = writeTemp(name, content);
    try {
      // a hard link fails atomically when the target exists, unlike a move on every file system
      Files.createLink(file(name), tmp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | IOException e) {
      if (Files.exists(file(name))) {
        return false;
      }
      replace(name, content);
      return true;
    } finally {
      deleteQuietly(tmp);
    }
  }

  public String read(String name) {
    try {
      return Files.readString(file(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file(name), e);
    }
  }

  public boolean exists(String name) {
    return Files.exists(file(name));
  }

  private Path writeTemp(String name, String content) {
    try {
      Path tmp = Files.createTempFile(root, "." + name + ".", ".tmp");
      ownerOnly(tmp);
      Files.writeString(tmp, content);
      return tmp;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write in " + root, e);
    }
  }

  private static void ownerOnly(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system (Windows): the folder's own ACL applies
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // a leftover temporary file is harmless
    }
  }
}
