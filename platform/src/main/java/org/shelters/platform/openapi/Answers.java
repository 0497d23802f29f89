package org.shelters.platform.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a successful call of a controller method answers, for the OpenAPI document: its status and
 * which headers it sets. Only the code knows it ({@code ResponseEntity.created(...).eTag(...)}), so
 * the method says it next to that code; {@link OpenApiContract} writes it into the document with
 * the same descriptions everywhere. A method without it answers 200 with no such header.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Answers {

    /** The success status: 200, 201 (created) or 204. */
    int status() default 200;

    /** What the answer is, e.g. "The registered shelter". Empty: a default for the status. */
    String value() default "";

    /** Sets {@code Location}: the URL of what was created. */
    boolean location() default false;

    /** Sets {@code ETag}: the version to send back as {@code If-Match}. */
    boolean etag() default false;
}
