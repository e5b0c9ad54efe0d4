# syntax=docker/dockerfile:1
# One image per service, built from this repository:
#   docker build --build-arg MODULE=query-service -t speechforum/query-service .
# MODULE is one of ingest-service, enrich-service, query-service (docker-compose.yml passes it).

# Stage 1: build the module and the modules it depends on with the Maven wrapper (JDK 25, tests skipped: CI runs them).
FROM eclipse-temurin:25-jdk AS build
ARG MODULE
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Only the modules a service build needs (-am also builds local-stack, a test-scope dependency).
COPY contracts contracts
COPY pipeline-kafka pipeline-kafka
COPY pipeline-web pipeline-web
COPY local-stack local-stack
COPY entity-recogniser-nlp4j entity-recogniser-nlp4j
COPY ingest-service ingest-service
COPY enrich-service enrich-service
COPY query-service query-service
RUN --mount=type=cache,target=/root/.m2 \
    test -n "$MODULE" || { echo "Pass --build-arg MODULE=<ingest|enrich|query>-service" >&2; exit 1; }; \
    ./mvnw -B -q package -DskipTests -pl "$MODULE" -am \
 && cp "$MODULE"/target/"$MODULE"-*-exec.jar /app.jar

# Stage 2: just a JRE and the executable jar, run as an unprivileged user.
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 999 app && useradd --system --uid 999 --gid app --home-dir /app app
WORKDIR /app
COPY --from=build /app.jar /app/app.jar
USER app
# The container's memory limit sizes the heap; JAVA_OPTS adds to it.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8081 8082 8083
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]
