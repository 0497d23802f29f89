package org.shelters.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.shelters.platform.domain.FieldError;
import org.shelters.platform.domain.Refusal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A read refuses a query parameter it does not take (400 naming it) instead of ignoring it: a
 * misspelt filter ({@code ?stauts=SIGNED}, {@code ?donr=ECHO}), or a filter on a list that has
 * none, would otherwise answer the unfiltered list as if it were filtered. What an operation takes
 * is read from its handler method: its {@code @RequestParam}s and the components of a record it
 * binds the query to (reporting's {@code FilterParams}), so the list cannot drift from the code.
 * Every service's {@code GET /api/**} goes through it. A parameter a service reads before the
 * handler, for every operation of some paths (reporting's {@code knownAt}), is declared by an
 * {@link Implied} bean.
 */
public class KnownParameters implements WebMvcConfigurer, HandlerInterceptor {

    /** Parameters an operation takes without binding them in its handler method. */
    @FunctionalInterface
    public interface Implied {
        Set<String> parametersOf(HandlerMethod method);
    }

    private final Map<Method, Set<String>> known = new ConcurrentHashMap<>();
    private final List<Implied> implied;

    public KnownParameters() {
        this(List.of());
    }

    public KnownParameters(List<Implied> implied) {
        this.implied = List.copyOf(implied);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            return true;
        }
        Set<String> takes = known.computeIfAbsent(method.getMethod(), m -> takenBy(method));
        List<FieldError> unknown = new ArrayList<>();
        for (String name : new TreeSet<>(request.getParameterMap().keySet())) {
            if (!takes.contains(name)) {
                unknown.add(new FieldError(name, takes.isEmpty() ? "is not a parameter of this operation, which takes none"
                        : "is not a parameter of this operation, which takes " + String.join(", ", takes)));
            }
        }
        if (!unknown.isEmpty()) {
            throw Refusal.invalid(unknown);
        }
        return true;
    }

    /** What the handler method binds, then what the {@link Implied} beans add. */
    private Set<String> takenBy(HandlerMethod method) {
        Set<String> names = parametersOf(method.getMethod());
        implied.forEach(i -> names.addAll(i.parametersOf(method)));
        return names;
    }

    /** The query parameter names {@code method} binds, in order. Compiled with {@code -parameters}, as Spring needs too. */
    static Set<String> parametersOf(Method method) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (Parameter parameter : method.getParameters()) {
            RequestParam param = parameter.getAnnotation(RequestParam.class);
            if (param != null) {
                String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                        : parameter.getName();
                names.add(name);
            } else if (parameter.getType().isRecord() && parameter.getAnnotation(PathVariable.class) == null) {
                for (RecordComponent component : parameter.getType().getRecordComponents()) {
                    names.add(component.getName());
                }
            }
        }
        return names;
    }
}
