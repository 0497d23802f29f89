package org.shelters.identity.accounts;

import java.util.Collection;
import java.util.List;
import org.shelters.identity.DataDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The accounts file ({@code accounts.json} in the data folder). It is the user store of this
 * development server: it keeps each account's subject id stable across restarts, and a developer may
 * add an account by hand (any Spring Security password encoding, e.g. {@code {bcrypt}...}).
 */
public class AccountStore {

  static final String FILE = "accounts.json";

  private final DataDir dataDir;
  private final JsonMapper json = JsonMapper.builder().build();

  public AccountStore(DataDir dataDir) {
    this.dataDir = dataDir;
  }

  public List<Account> load() {
    if (!dataDir.exists(FILE)) {
      return List.of();
    }
    return json.readValue(dataDir.read(FILE), AccountsFile.class).accounts();
  }

  public void save(Collection<Account> accounts) {
    dataDir.replace(FILE, json.writerWithDefaultPrettyPrinter().writeValueAsString(new AccountsFile(1, List.copyOf(accounts))));
  }

  /** The file's shape; versioned so a later format can read this one. */
  record AccountsFile(int version, List<Account> accounts) {
    AccountsFile {
      accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }
  }
}
