package org.shelters.reporting.web;

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
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A report refuses a query parameter it does not take (400 naming it) instead of ignoring it: a
 * misspelt filter ({@code ?donr=ECHO}), or a filter on a report that has none, would otherwise
 * answer unfiltered figures as if they were filtered. What a report takes is read from its
 * handler method: its {@code @RequestParam}s and the components of the record it binds the query
 * to ({@code FilterParams}), so the list cannot drift from the code; and {@code knownAt}, which
 * every report takes without binding it ({@link KnownAtRequests}).
 */
@Configuration
public class KnownParameters implements WebMvcConfigurer, HandlerInterceptor {

    private final Map<Method, Set<String>> known = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/reports/**", "/api/audit/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !"GET".equals(request.getMethod())) {
            return true;
        }
        Set<String> takes = known.computeIfAbsent(method.getMethod(), m -> parametersOf(m, KnownAtRequests.takesKnownAt(method)));
        List<FieldError> unknown = new ArrayList<>();
        for (String name : new TreeSet<>(request.getParameterMap().keySet())) {
            if (!takes.contains(name)) {
                unknown.add(new FieldError(name, takes.isEmpty() ? "is not a parameter of this report, which takes none"
                        : "is not a parameter of this report, which takes " + String.join(", ", takes)));
            }
        }
        if (!unknown.isEmpty()) {
            throw Refusal.invalid(unknown);
        }
        return true;
    }

    /** As {@link #parametersOf(Method)}, then {@code knownAt} where it is taken ({@link KnownAtRequests}). */
    static Set<String> parametersOf(Method method, boolean knownAt) {
        Set<String> names = parametersOf(method);
        if (knownAt) {
            names.add(org.shelters.reporting.read.KnownAt.PARAMETER);
        }
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
