package org.shelters.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.shelters.platform.domain.FieldError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides content negotiation for commands before anything runs: a command whose answer cannot
 * be given as JSON ({@code Accept} without {@code application/json}, {@code application/problem+json}
 * or a wildcard) is refused with 406, and a command body that is not {@code application/json} with
 * 415 — so no command is executed, stored and published and then answered with an error the
 * client cannot read (or, with an Idempotency-Key, replayed forever). A body larger than
 * {@code platform.web.max-body-size} is refused with 413 after reading at most that much, so no
 * client can make a service buffer an unbounded body.
 */
public class CommandEdgeFilter extends OncePerRequestFilter {

    private static final Set<String> COMMAND_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

    private final long maxBodyBytes;

    public CommandEdgeFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !COMMAND_METHODS.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !accept.isBlank() && !answerable(accept)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_ACCEPTABLE,
                    "commands answer application/json (errors application/problem+json); Accept was '" + accept + "'");
            refuse(response, problem, "not-acceptable", "Accept");
            return;
        }
        if (hasBody(request) && !json(request.getContentType())) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "command bodies must be application/json; Content-Type was '" + request.getContentType() + "'");
            response.setHeader("Accept-" + capitalized(request.getMethod()), MediaType.APPLICATION_JSON_VALUE);
            refuse(response, problem, "unsupported-media-type", "Content-Type");
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            tooLarge(response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        if (body.length > maxBodyBytes) {
            tooLarge(response);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "a command body may have at most " + maxBodyBytes + " bytes");
        problem.setType(java.net.URI.create(Problems.TYPE_PREFIX + "body-too-large"));
        problem.setTitle("Content too large");
        problem.setProperty("errors", List.of(new FieldError("body", "must be at most " + maxBodyBytes + " bytes")));
        Problems.write(response, problem);
    }

    private static boolean answerable(String accept) {
        try {
            for (MediaType wanted : MediaType.parseMediaTypes(accept)) {
                if (wanted.getQualityValue() > 0 && ANSWERS.stream().anyMatch(wanted::isCompatibleWith)) {
                    return true;
                }
            }
            return false;
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type);
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static String capitalized(String method) {
        return method.charAt(0) + method.substring(1).toLowerCase();
    }

    private static void refuse(HttpServletResponse response, ProblemDetail problem, String type, String header)
            throws IOException {
        problem.setType(java.net.URI.create(Problems.TYPE_PREFIX + type));
        problem.setTitle(problem.getStatus() == 406 ? "Not acceptable" : "Unsupported media type");
        problem.setProperty("errors", List.of(new FieldError(header, problem.getDetail())));
        Problems.write(response, problem);
    }
}
