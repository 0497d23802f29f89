package org.shelters.reporting.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The service's root opens the dashboard, at {@code /dashboard/}. The query goes along
 * ({@code ?lang=es&state=MX-CHP}): a printed or shared link keeps its language and filters,
 * through this redirect and through the sign-in (the saved request is the whole URL).
 * {@code /dashboard/} itself serves the page without a redirect, so its address stays the link
 * the user opened.
 */
@Configuration
public class DashboardRedirect implements WebMvcConfigurer {

    static final String PAGE = "/dashboard/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", PAGE).setKeepQueryParams(true);
        registry.addRedirectViewController("/dashboard", PAGE).setKeepQueryParams(true);
        registry.addViewController(PAGE).setViewName("forward:/dashboard/index.html");
    }
}
