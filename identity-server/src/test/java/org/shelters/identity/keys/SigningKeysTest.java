package org.shelters.identity.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shelters.identity.DataDir;

class SigningKeysTest {

  @TempDir Path dir;

  @Test
  void theKeyIsGeneratedOnceAndReloaded() throws Exception {
    RSAKey first = SigningKeys.loadOrCreate(DataDir.open(dir));
    RSAKey second = SigningKeys.loadOrCreate(DataDir.open(dir));

    assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
    assertThat(second.toRSAPrivateKey()).isEqualTo(first.toRSAPrivateKey());
    assertThat(first.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(first.size()).isEqualTo(2048);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("signing-key.json")))).isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files).as("no temporary file left behind").containsExactly(dir.resolve("signing-key.json"));
    }
  }

  @Test
  void aDamagedKeyFileStopsTheStartWithItsName() throws Exception {
    Files.writeString(dir.resolve("signing-key.json"), "{\"kty\":\"RSA\"");
    assertThatThrownBy(() -> SigningKeys.loadOrCreate(DataDir.open(dir)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("signing-key.json");
  }

  @Test
  void aPublicKeyAloneIsRefused() throws Exception {
    RSAKey key = SigningKeys.loadOrCreate(DataDir.open(dir));
    Files.writeString(dir.resolve("signing-key.json"), key.toPublicJWK().toJSONString());
    assertThatThrownBy(() -> SigningKeys.loadOrCreate(DataDir.open(dir)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no private key");
  }

  @Test
  void anUnusableDataFolderIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    assertThatThrownBy(() -> DataDir.open(file)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not-a-folder");
  }
}
