package org.shelters.logistics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Shipments, dispatch and proof of delivery; keeps a replica of agreements from agreements.v1. */
@SpringBootApplication
@EnableScheduling
public class LogisticsApplication {

    public static void main(String[] args) {
        SpringApplication.run(LogisticsApplication.class, args);
    }
}
