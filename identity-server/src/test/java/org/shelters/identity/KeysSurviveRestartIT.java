package org.shelters.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;

/** Tokens signed before a restart validate after it, and people keep their subject id. */
@ExtendWith(OutputCaptureExtension.class)
class KeysSurviveRestartIT {

  @TempDir Path dataDir;

  @Test
  void aTokenSignedByTheFirstStartValidatesAgainstTheSecond(CapturedOutput output) throws Exception {
    int port = TestServer.freePort();
    String token;
    String kid;
    try (TestServer first = TestServer.start(dataDir, port)) {
      token = new BrowserFlow(first).signIn("logistics", "logistics-demo").accessToken();
      kid = TokenVerifier.publishedKeys(first.uri("/oauth2/jwks")).getKeys().get(0).getKeyID();
    }

    try (TestServer second = TestServer.start(dataDir, port)) {
      assertThat(TokenVerifier.publishedKeys(second.uri("/oauth2/jwks")).getKeys())
          .singleElement().satisfies(key -> assertThat(key.getKeyID()).isEqualTo(kid));
      JWTClaimsSet before = TokenVerifier.verifyAccessToken(token, second);
      JWTClaimsSet after = TokenVerifier.verifyAccessToken(new BrowserFlow(second).signIn("logistics", "logistics-demo").accessToken(), second);
      assertThat(after.getSubject()).isEqualTo(before.getSubject());
      assertThat(after.getStringListClaim("roles")).containsExactly("LOGISTICS_OFFICER");
    }
    assertThat(output.getAll()).as("demo accounts are created on the first start only, passwords never logged")
        .containsOnlyOnce("created demo account logistics").doesNotContain("-demo ").doesNotContain("logistics-demo");
  }
}
