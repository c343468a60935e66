# One image recipe for both Spring Boot services, chosen by build arguments (docker-compose.yml passes them):
#   docker build --build-arg MODULE=gateway --build-arg PORT=8080 --build-arg MANAGEMENT_PORT=9080 .
#   docker build --build-arg MODULE=key-admin-service --build-arg PORT=8081 --build-arg MANAGEMENT_PORT=9081 .
# Built from the Maven build's jar: run `./mvnw package -DskipTests` first (docker build does not).
# Spring Boot's layers keep dependencies, which rarely change, in their own image layers.
FROM eclipse-temurin:17-jre-alpine AS layers
ARG MODULE
ARG PORT
ARG MANAGEMENT_PORT
RUN test -n "$MODULE" && test -n "$PORT" && test -n "$MANAGEMENT_PORT" \
    || { echo "build with --build-arg MODULE=<gateway|key-admin-service> PORT=<port> MANAGEMENT_PORT=<port>" >&2; exit 1; }
WORKDIR /build
COPY ${MODULE}/target/${MODULE}.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre-alpine
ARG PORT
ARG MANAGEMENT_PORT
RUN addgroup -S app && adduser -S app -G app
USER app
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
# The services read PORT and MANAGEMENT_PORT, so they listen where the image says (docker run -e overrides).
ENV PORT=${PORT} MANAGEMENT_PORT=${MANAGEMENT_PORT}
EXPOSE ${PORT} ${MANAGEMENT_PORT}
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
