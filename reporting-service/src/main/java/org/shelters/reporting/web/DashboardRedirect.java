package org.shelters.reporting.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The service's root opens the dashboard. */
@Configuration
public class DashboardRedirect implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/dashboard/index.html");
        registry.addRedirectViewController("/dashboard", "/dashboard/index.html");
        registry.addRedirectViewController("/dashboard/", "/dashboard/index.html");
    }
}
