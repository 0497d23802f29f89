package org.shelters.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.shelters.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token cannot be checked while the issuer's keys cannot be fetched (the service started without
 * them, or meets a new key id): that is our outage, not the caller's fault, so the answer is 503
 * problem+json with {@code Retry-After}, not 401 and not 500. Nothing was done.
 */
class IssuerUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IssuerUnavailableFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (AuthenticationServiceException e) {
            log.warn("cannot check an access token: {}", e.getMessage());
            if (response.isCommitted()) {
                throw e;
            }
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.RETRY_AFTER_SECONDS));
            Problems.write(response, Problems.issuerUnavailable());
        }
    }
}
