package org.shelters.agreements;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Shelter registry, cooperation agreements, trainings and daily arrivals; publishes shelters.v1 and agreements.v1. */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class AgreementsApplication {

    public static void main(String[] args) {
        SpringApplication.run(AgreementsApplication.class, args);
    }
}
