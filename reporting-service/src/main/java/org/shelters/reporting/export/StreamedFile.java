package org.shelters.reporting.export;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * An export file written to the response while it is produced, on the request's own thread (so the
 * security context, the {@code knownAt} of the request and the MDC hold throughout, with nothing
 * to carry over as an asynchronous {@code StreamingResponseBody} would need). Everything the
 * caller can get wrong (filters, {@code bom}, unknown parameters) is refused before this runs.
 *
 * <p>A failure before the first byte leaves (nothing committed yet) is answered as any other, a
 * problem document. A failure after it cannot be: the
 * status line and part of the file are gone. It is logged and the transfer is aborted
 * ({@link Aborted}): the connection is closed without the end of the chunked body, so a client
 * sees a broken transfer, never a complete-looking 200 with rows missing.
 */
final class StreamedFile {

    private static final Logger log = LoggerFactory.getLogger(StreamedFile.class);

    /** Writes the file's bytes to {@code out}, flushing it whenever a part of the file is complete. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private StreamedFile() {
    }

    static void send(HttpServletResponse response, MediaType type, String filename, Body body) {
        response.setContentType(type.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
        try {
            OutputStream out = response.getOutputStream();
            body.writeTo(out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            if (!response.isCommitted()) {
                // nothing has left: Spring MVC drops the buffered bytes and the file's content type and
                // disposition before the failure is answered as a problem document
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
            if (e instanceof IOException || e instanceof UncheckedIOException) {
                log.warn("{}: the client stopped reading ({}); transfer aborted", filename, e.toString());
            } else {
                log.error("{}: failed after part of it was sent; transfer aborted", filename, e);
            }
            throw new Aborted(filename, e);
        }
    }

    /**
     * A file broken off after its first bytes were sent. {@link ExportAborts} lets it through to
     * the servlet container, which closes the connection of a committed response that failed.
     */
    static final class Aborted extends RuntimeException {
        Aborted(String filename, Throwable cause) {
            super(filename + " broken off after part of it was sent", cause);
        }
    }
}
