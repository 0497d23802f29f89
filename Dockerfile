# One image recipe for all three services (docker-compose.yml builds it three times).
#
#   docker build --build-arg SERVICE=agreements-service --build-arg SERVER_PORT=8081 \
#                -t shelters/agreements-service:local .
#
# SERVICE is the Maven module (agreements-service | logistics-service | reporting-service);
# SERVER_PORT is the port the service listens on inside the container (8081 | 8082 | 8083).
# Only classic-builder syntax is used, so it builds with and without BuildKit.

ARG SERVICE=agreements-service
ARG SERVER_PORT=8081

########################################################################################
# Build stage: JDK 17 + the project's Maven Wrapper.
FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /workspace
# The wrapper (distributionType=only-script) downloads Maven with curl or wget and unpacks
# the zip with unzip; install them explicitly rather than rely on what the base image ships.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl unzip ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY . .
# -pl/-am builds the chosen service and the modules it depends on (shared-events, platform),
# not the whole reactor. The exec jar is the Spring Boot executable jar (classifier "exec").
RUN chmod +x mvnw \
 && ./mvnw -q -B -DskipTests -pl "${SERVICE}" -am package \
 && cp "${SERVICE}"/target/"${SERVICE}"-*-exec.jar /workspace/app.jar

########################################################################################
# Runtime stage: JRE 17, non-root.
FROM eclipse-temurin:17-jre
ARG SERVICE
ARG SERVER_PORT
LABEL org.opencontainers.image.title="${SERVICE}" \
      org.opencontainers.image.description="Shelter Support Programme platform: ${SERVICE}"
# eclipse-temurin images are Ubuntu-based and do not promise curl/wget: install curl for the
# HEALTHCHECK below and for the compose healthchecks.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build --chown=10001:10001 /workspace/app.jar /app/app.jar
ENV SERVICE_NAME="${SERVICE}" \
    SERVER_PORT="${SERVER_PORT}" \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
EXPOSE ${SERVER_PORT}
# Readiness includes Kafka and Mongo reachability, so "healthy" means "can do its job".
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=6 \
  CMD curl -fsS "http://localhost:${SERVER_PORT}/actuator/health/readiness" > /dev/null || exit 1
# exec: java becomes PID 1 and receives SIGTERM for Spring Boot's graceful shutdown.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]
