package org.shelters.identity.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.shelters.identity.DataDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PartnerSheltersFileTest {

  static final Account PARTNER_1 = demo("partner-1", Role.SHELTER_PARTNER, List.of("configured-1"));
  static final Account PARTNER_2 = demo("partner-2", Role.SHELTER_PARTNER, List.of("configured-2"));

  @TempDir Path dir;

  @Test
  void withoutTheFileTheConfiguredSheltersApply() {
    PartnerSheltersFile file = new PartnerSheltersFile(DataDir.open(dir));
    assertThat(file.sheltersOf(PARTNER_1)).containsExactly("configured-1");
  }

  @Test
  void theFileTakesPrecedenceForTheUsersItNamesAndIsReadAgainWhenItChanges() throws Exception {
    PartnerSheltersFile file = new PartnerSheltersFile(DataDir.open(dir));
    assertThat(file.sheltersOf(PARTNER_1)).containsExactly("configured-1");

    write("{\"partner-1\": [\"s-hermanos\", \"s-annex\"]}");
    assertThat(file.sheltersOf(PARTNER_1)).as("seen without a restart").containsExactly("s-hermanos", "s-annex");
    assertThat(file.sheltersOf(PARTNER_2)).as("a partner the file does not name keeps its configuration").containsExactly("configured-2");

    write("{\"partner-1\": [\"s-other\"], \"partner-2\": []}");
    assertThat(file.sheltersOf(PARTNER_1)).containsExactly("s-other");
    assertThat(file.sheltersOf(PARTNER_2)).as("an empty list is an answer too").isEmpty();

    Files.delete(dir.resolve(PartnerSheltersFile.FILE));
    assertThat(file.sheltersOf(PARTNER_1)).as("file gone: configuration again").containsExactly("configured-1");
  }

  @Test
  void aChangeIsSeenEvenWithinOneClockTickWhenTheFileIsReplaced() throws Exception {
    PartnerSheltersFile file = new PartnerSheltersFile(DataDir.open(dir));
    FileTime sameTime = FileTime.from(Instant.parse("2026-12-01T10:00:00Z"));
    write("{\"partner-1\": [\"aaaa\"]}");
    Files.setLastModifiedTime(dir.resolve(PartnerSheltersFile.FILE), sameTime);
    assertThat(file.sheltersOf(PARTNER_1)).containsExactly("aaaa");

    write("{\"partner-1\": [\"bbbb\"]}"); // same size, same modification time, another file
    Files.setLastModifiedTime(dir.resolve(PartnerSheltersFile.FILE), sameTime);
    assertThat(file.sheltersOf(PARTNER_1)).containsExactly("bbbb");
  }

  @Test
  void aDamagedFileKeepsWhatWasKnownAndSaysSoOnce(CapturedOutput output) throws Exception {
    PartnerSheltersFile file = new PartnerSheltersFile(DataDir.open(dir));
    write("{\"partner-1\": [\"s-hermanos\"]}");
    assertThat(file.sheltersOf(PARTNER_1)).containsExactly("s-hermanos");

    write("{\"partner-1\": [\"s-herm");
    assertThat(file.sheltersOf(PARTNER_1)).containsExactly("s-hermanos");
    assertThat(file.sheltersOf(PARTNER_1)).containsExactly("s-hermanos");
    write("{\"partner-1\": \"not-a-list\"}");
    assertThat(file.sheltersOf(PARTNER_1)).containsExactly("s-hermanos");
    write("{\"partner-1\": [null]}");
    assertThat(file.sheltersOf(PARTNER_1)).containsExactly("s-hermanos");
    assertThat(output.getAll().split("is not usable", -1)).as("one warning per bad version of the file").hasSize(4);

    write("{\"partner-1\": [\"s-fixed\"]}");
    assertThat(file.sheltersOf(PARTNER_1)).containsExactly("s-fixed");
  }

  @Test
  void onlyDemoPartnersAreTakenFromTheFile() throws Exception {
    PartnerSheltersFile file = new PartnerSheltersFile(DataDir.open(dir));
    write("{\"partner-1\": [\"from-file\"], \"programme\": [\"from-file\"], \"real-partner\": [\"from-file\"]}");

    Account programme = demo("programme", Role.PROGRAMME_OFFICER, List.of());
    Account real = new Account("real-partner", "s-real", "{noop}x", List.of(Role.SHELTER_PARTNER), List.of("kept"), false);
    assertThat(file.sheltersOf(PARTNER_1)).containsExactly("from-file");
    assertThat(file.sheltersOf(programme)).isEmpty();
    assertThat(file.sheltersOf(real)).as("accounts.json decides for a real account").containsExactly("kept");
  }

  /** As a writer should do it: a whole new file moved into place. */
  private void write(String content) throws Exception {
    Path tmp = Files.writeString(dir.resolve("partner-shelters.json.tmp"), content);
    Files.move(tmp, dir.resolve(PartnerSheltersFile.FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Account demo(String username, Role role, List<String> shelters) {
    return new Account(username, "subject-" + username, "{noop}x", List.of(role), shelters, true);
  }
}
