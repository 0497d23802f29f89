package org.shelters.platform.web;

import java.lang.reflect.Type;
import java.util.List;
import org.shelters.platform.domain.FieldError;
import org.shelters.platform.domain.Refusal;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a request body that {@link BoundedInput} found out of bounds, once the whole body was
 * read, so one 400 names every such field (and the command never sees the placeholders).
 */
@RestControllerAdvice
public class BoundedBodies extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) {
        BoundedInput.reset();
        return inputMessage;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        List<FieldError> outOfBounds = BoundedInput.drain();
        if (!outOfBounds.isEmpty()) {
            throw Refusal.invalid(outOfBounds);
        }
        return body;
    }
}
