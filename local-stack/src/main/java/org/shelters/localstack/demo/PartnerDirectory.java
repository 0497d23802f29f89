package org.shelters.localstack.demo;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Where the demo says which shelters the demo partner accounts act for. Shelter ids are made by
 * agreements-service when the demo registers its shelters, after the identity server has started,
 * so they cannot be configuration: the local stack writes them into the identity server's data
 * folder ({@code partner-shelters.json}), which the server reads when it issues the next token.
 */
@FunctionalInterface
public interface PartnerDirectory {

    /** Records {@code sheltersByPartner} (user name -> shelter ids) for the next tokens issued. */
    void publish(Map<String, List<String>> sheltersByPartner) throws IOException;
}
