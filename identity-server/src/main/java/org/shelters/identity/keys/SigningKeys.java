package org.shelters.identity.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.text.ParseException;
import java.util.Date;
import java.util.UUID;
import org.shelters.identity.DataDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA key that signs every token, kept in the data folder ({@code signing-key.json}, a private
 * JWK) so that tokens issued before a restart still validate after it.
 */
public final class SigningKeys {

  static final String FILE = "signing-key.json";
  private static final int KEY_SIZE = 2048;
  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  private SigningKeys() {}

  public static RSAKey loadOrCreate(DataDir dataDir) {
    if (!dataDir.exists(FILE) && dataDir.createOnce(FILE, generate().toJSONString())) {
      log.info("generated a new signing key in {}", dataDir.file(FILE));
    }
    RSAKey key = parse(dataDir);
    log.info("signing key kid={} from {}", key.getKeyID(), dataDir.file(FILE));
    return key;
  }

  private static RSAKey generate() {
    try {
      return new RSAKeyGenerator(KEY_SIZE)
          .keyID(UUID.randomUUID().toString())
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .issueTime(new Date())
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA signing key", e);
    }
  }

  private static RSAKey parse(DataDir dataDir) {
    try {
      RSAKey key = RSAKey.parse(dataDir.read(FILE));
      if (!key.isPrivate()) {
        throw new IllegalStateException(dataDir.file(FILE) + " holds no private key: delete it to generate a new one");
      }
      return key;
    } catch (ParseException e) {
      throw new IllegalStateException(dataDir.file(FILE) + " is not an RSA JWK: delete it to generate a new one", e);
    }
  }
}
