package org.speechforum.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One service's Spring Boot exec jar ({@code <module>/target/<module>-<version>-exec.jar}) started as a child JVM:
 * the one launcher {@code bin/run}, the bench and the fault suite share. The version is the build's own
 * ({@code ${project.version}} filtered into {@code build.properties}), never a literal.
 */
public record ServiceJar(String module, Path jar, String mainClass) {

    /** The version this build gives every module, read from the filtered {@code build.properties}. */
    public static final String VERSION = buildVersion();

    /** {@code module} under {@code projectRoot}; its main class is known for the three services. */
    public static ServiceJar of(Path projectRoot, String module) {
        Path jar = projectRoot.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
        String mainClass = switch (module) {
            case "ingest-service" -> "IngestServiceApplication";
            case "enrich-service" -> "EnrichServiceApplication";
            case "query-service" -> "QueryServiceApplication";
            default -> throw new IllegalArgumentException("Not a service module: " + module);
        };
        return new ServiceJar(module, jar, mainClass);
    }

    /** Refuses, with {@code howToBuild} in the message, when the jar has not been built. */
    public ServiceJar requireBuilt(String howToBuild) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; " + howToBuild);
        }
        return this;
    }

    /** The log line Spring Boot writes once the service is up. */
    public boolean isReadyLine(String line) {
        return line.contains("Started " + mainClass);
    }

    /** Starts {@code java <jvmOptions> -jar <jar> <args>} and returns at once; it is ready on {@link #isReadyLine}. */
    public ChildJvm start(List<String> jvmOptions, List<String> args, Map<String, String> environment, Path logFile)
            throws IOException {
        List<String> command = new ArrayList<>(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return ChildJvm.startJar(module, command, environment, logFile, this::isReadyLine);
    }

    private static String buildVersion() {
        try (InputStream in = ServiceJar.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from local-stack's classes");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
