package org.shelters.identity.accounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.shelters.identity.DataDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code partner-shelters.json} in the data folder: the shelter ids of the demo partner accounts,
 * e.g. {@code {"partner-1": ["<shelterId>"], "partner-2": ["<shelterId>"]}}.
 *
 * <p>Why a file read while the server runs: shelter ids are made by agreements-service when the
 * demo registers its shelters, which happens after this server has started (the services need it to
 * be up first). Whoever registers them (the local stack's demo loader) writes this file, and the
 * next token issued carries them, without a restart. For a user it names, the file takes precedence
 * over {@code identity.demo.partner-shelters.*}; users it does not name keep the configured ones.
 *
 * <p>It is consulted on every token, so it is cheap: one {@code stat} per token, and the file is
 * parsed again only when its modification time, size or file identity changed (a writer that
 * replaces it by moving a new file into place changes the identity even within one clock tick).
 * A file that cannot be read keeps the last good content and says so once in the log, so a
 * half-written file never hands a partner the wrong shelters. It applies to demo accounts only: a
 * real account's shelters are what {@code accounts.json} says.
 */
public class PartnerSheltersFile {

  public static final String FILE = "partner-shelters.json";

  private static final Logger log = LoggerFactory.getLogger(PartnerSheltersFile.class);
  private static final TypeReference<Map<String, List<String>>> SHAPE = new TypeReference<>() {};

  /** What was read, and the attributes of the file it was read from (null: no file). */
  private record Snapshot(Object version, Map<String, List<String>> shelters) {}

  private static final Snapshot NONE = new Snapshot(null, Map.of());

  private final Path file;
  private final JsonMapper json = JsonMapper.builder().build();
  private volatile Snapshot current = NONE;

  public PartnerSheltersFile(DataDir dataDir) {
    this.file = dataDir.file(FILE);
  }

  /**
   * The shelters {@code account} acts for: the file's list when it is a demo partner the file
   * names, otherwise the account's own (from configuration or {@code accounts.json}).
   */
  public List<String> sheltersOf(Account account) {
    if (!account.isPartner() || !account.demo()) {
      return account.shelters();
    }
    List<String> fromFile = read().get(account.username());
    return fromFile != null ? fromFile : account.shelters();
  }

  private Map<String, List<String>> read() {
    Object version = version();
    Snapshot seen = current;
    if (Objects.equals(version, seen.version())) {
      return seen.shelters();
    }
    synchronized (this) {
      seen = current;
      if (!Objects.equals(version, seen.version())) {
        current = seen = new Snapshot(version, version == null ? Map.of() : parse(seen.shelters()));
      }
      return seen.shelters();
    }
  }

  /** Modification time, size and file key together; null when there is no file. */
  private Object version() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(attributes.lastModifiedTime(), attributes.size(), String.valueOf(attributes.fileKey()));
    } catch (NoSuchFileException absent) {
      return null;
    } catch (IOException e) {
      log.warn("cannot look at {}: {}", file, e.toString());
      return current.version();
    }
  }

  private Map<String, List<String>> parse(Map<String, List<String>> lastGood) {
    try {
      Map<String, List<String>> read = json.readValue(Files.readString(file), SHAPE);
      Map<String, List<String>> shelters = new LinkedHashMap<>();
      read.forEach((user, ids) -> {
        if (user == null || ids == null || ids.stream().anyMatch(id -> id == null || id.isBlank())) {
          throw new IllegalArgumentException("every entry must be a user name with a list of shelter ids");
        }
        shelters.put(user, List.copyOf(ids));
      });
      log.info("partner shelters from {} for {}", file, shelters.keySet());
      return Map.copyOf(shelters);
    } catch (IOException | JacksonException | IllegalArgumentException | NullPointerException e) {
      log.warn("{} is not usable, keeping the partner shelters known before it (expected a JSON object of "
          + "user name to a list of shelter ids): {}", file, e.getMessage());
      return lastGood;
    }
  }
}
