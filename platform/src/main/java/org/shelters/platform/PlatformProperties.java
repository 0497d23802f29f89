package org.shelters.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything tunable in the shared plumbing, under {@code platform.*}. */
@ConfigurationProperties("platform")
public class PlatformProperties {

    /** CloudEvents {@code source} of events this service produces; defaults to /{spring.application.name}. */
    private String eventSource;
    /** The programme's calendar: "today" for every rule and report, the same in every service. */
    private java.time.ZoneId timeZone = org.shelters.platform.domain.ProgrammeCalendar.DEFAULT_ZONE;
    private final Outbox outbox = new Outbox();
    private final Consumer consumer = new Consumer();
    private final Topics topics = new Topics();
    private final Web web = new Web();
    private final OpenApi openapi = new OpenApi();

    public Web getWeb() {
        return web;
    }

    public OpenApi getOpenapi() {
        return openapi;
    }

    /** What the service's OpenAPI document says about itself ({@code info}); each service sets its own. */
    public static class OpenApi {
        /** e.g. "Agreements service"; defaults to spring.application.name. */
        private String title;
        /** The project version (application.yml: "@project.version@", filled in by the build). */
        private String version = "unversioned";
        /** What the service does, in a few sentences (Markdown). */
        private String description = "";
        /** Who answers questions about the API; left out of the document while unset. */
        private String contactName;
        private String contactUrl;
        /** The licence of the API; left out while unset (the repository names none yet). */
        private String licenseName;
        private String licenseUrl;

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public String getVersion() {
            return version;
        }

        public void setVersion(String version) {
            this.version = version;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        public String getContactName() {
            return contactName;
        }

        public void setContactName(String contactName) {
            this.contactName = contactName;
        }

        public String getContactUrl() {
            return contactUrl;
        }

        public void setContactUrl(String contactUrl) {
            this.contactUrl = contactUrl;
        }

        public String getLicenseName() {
            return licenseName;
        }

        public void setLicenseName(String licenseName) {
            this.licenseName = licenseName;
        }

        public String getLicenseUrl() {
            return licenseUrl;
        }

        public void setLicenseUrl(String licenseUrl) {
            this.licenseUrl = licenseUrl;
        }
    }

    public static class Web {
        /** The largest command body accepted; larger ones are refused with 413 before anything runs. */
        private org.springframework.util.unit.DataSize maxBodySize = org.springframework.util.unit.DataSize.ofKilobytes(256);

        public org.springframework.util.unit.DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(org.springframework.util.unit.DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }
    }

    public String getEventSource() {
        return eventSource;
    }

    public void setEventSource(String eventSource) {
        this.eventSource = eventSource;
    }

    public java.time.ZoneId getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(java.time.ZoneId timeZone) {
        this.timeZone = timeZone;
    }

    public Outbox getOutbox() {
        return outbox;
    }

    public Consumer getConsumer() {
        return consumer;
    }

    public Topics getTopics() {
        return topics;
    }

    public static class Outbox {
        /** Aggregate collections swept at start-up, before the first write (stores add theirs on use). */
        private List<String> collections = new ArrayList<>();
        /** How often the relay sweeps when nothing woke it. */
        private Duration sweepInterval = Duration.ofSeconds(1);
        /** How long to wait for Kafka's acknowledgement of one event before trying again later. */
        private Duration sendTimeout = Duration.ofSeconds(15);
        /** Aggregate documents read per pass and collection. */
        private int batchSize = 200;
        /** An Idempotency-Key claim older than this whose request never completed may be taken over. */
        private Duration idempotencyStaleClaim = Duration.ofSeconds(60);
        /** Failed attempts, for the record's own sake, after which an aggregate's events are parked for an operator. */
        private int maxAttempts = 10;

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /** How long a completed Idempotency-Key answer is kept for replay (a TTL index removes older keys). */
        private Duration idempotencyRetention = Duration.ofDays(7);

        public Duration getIdempotencyRetention() {
            return idempotencyRetention;
        }

        public void setIdempotencyRetention(Duration idempotencyRetention) {
            this.idempotencyRetention = idempotencyRetention;
        }

        public List<String> getCollections() {
            return collections;
        }

        public void setCollections(List<String> collections) {
            this.collections = collections;
        }

        public Duration getSweepInterval() {
            return sweepInterval;
        }

        public void setSweepInterval(Duration sweepInterval) {
            this.sweepInterval = sweepInterval;
        }

        public Duration getSendTimeout() {
            return sendTimeout;
        }

        public void setSendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getIdempotencyStaleClaim() {
            return idempotencyStaleClaim;
        }

        public void setIdempotencyStaleClaim(Duration idempotencyStaleClaim) {
            this.idempotencyStaleClaim = idempotencyStaleClaim;
        }
    }

    public static class Consumer {
        /** Consumer group; defaults to spring.application.name. */
        private String groupId;
        /** Blocking retries of a failing record before it is dead-lettered. */
        private int maxRetries = 4;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(3);
        /** Validate every consumed event against its shipped JSON Schema; invalid ones go to the DLT. */
        private boolean validateSchemas = true;
        private int concurrency = 1;
        private int maxPollRecords = 500;

        public String getGroupId() {
            return groupId;
        }

        public void setGroupId(String groupId) {
            this.groupId = groupId;
        }

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public boolean isValidateSchemas() {
            return validateSchemas;
        }

        public void setValidateSchemas(boolean validateSchemas) {
            this.validateSchemas = validateSchemas;
        }

        public int getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public int getMaxPollRecords() {
            return maxPollRecords;
        }

        public void setMaxPollRecords(int maxPollRecords) {
            this.maxPollRecords = maxPollRecords;
        }
    }

    public static class Topics {
        /** Partitions of each topic and DLT created at start-up (existing topics are left alone). */
        private int partitions = 3;
        private short replicationFactor = 1;

        public int getPartitions() {
            return partitions;
        }

        public void setPartitions(int partitions) {
            this.partitions = partitions;
        }

        public short getReplicationFactor() {
            return replicationFactor;
        }

        public void setReplicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
        }
    }
}
