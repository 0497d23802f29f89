package org.shelters.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.shelters.platform.context.CommandContext;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the authenticated caller (subject id and acting role, nothing else) into the command
 * context, so every event the request causes records its actor, and into the log context.
 */
public class ActorFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = Caller.current();
        if (caller.subject() == null) {
            chain.doFilter(request, response);
            return;
        }
        CommandContext.set(CommandContext.metadata().withActor(caller.subject(), caller.actingRole()));
        MDC.put("actor", caller.subject());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("actor");
        }
    }
}
