package org.speechforum.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A Java program run in its own JVM, on the same java binary as this one, whose output goes to a log file and
 * is watched for the line that says it is ready. Engines run this way so their libraries (Scala, Netty, log4j
 * versions) never meet the services' classpath, and so a test can kill one without killing itself.
 */
public final class ChildJvm implements AutoCloseable {

    private static final int KEPT_LINES = 40;

    private final String name;
    private final Process process;
    private final Path logFile;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final Thread shutdownHook;

    private ChildJvm(String name, Process process, Path logFile, Predicate<String> readyLine) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        Thread pump = new Thread(() -> pumpOutput(readyLine), name + "-output");
        pump.setDaemon(true);
        pump.start();
        process.onExit().thenRun(() -> ready.completeExceptionally(new IllegalStateException(
                name + " exited with code " + process.exitValue() + " before it was ready; last output:\n"
                        + lastOutput())));
        // A parent that exits without closing us (Ctrl-C, a crashed test JVM) must not leave an engine running.
        shutdownHook = new Thread(this::stop, name + "-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code mainClass} and returns at once; call {@link #awaitReady} to wait for the ready line. */
    public static ChildJvm start(String name, List<String> classpath, List<String> jvmOptions, String mainClass,
                                 List<String> args, Map<String, String> environment, Path logFile,
                                 Predicate<String> readyLine) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(args);
        return launch(name, command, environment, logFile, readyLine);
    }

    /** Starts {@code java <jvmOptions>} where the options end with {@code -jar <file>}, e.g. a Spring Boot service. */
    public static ChildJvm startJar(String name, List<String> jvmOptionsAndJar, Map<String, String> environment,
                                    Path logFile, Predicate<String> readyLine) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptionsAndJar);
        return launch(name, command, environment, logFile, readyLine);
    }

    /** Starts a complete command line (its first element the java binary) for callers that build their own. */
    public static ChildJvm launch(String name, List<String> command, Map<String, String> environment, Path logFile,
                                   Predicate<String> readyLine) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new ChildJvm(name, builder.start(), logFile, readyLine);
    }

    /** The java binary running this JVM: children get the same (21+) runtime without looking for one. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Waits for the ready line and returns it; fails with the child's last output if it dies or is too slow. */
    public String awaitReady(Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop();
            throw new IllegalStateException(name + " was not ready within " + timeout + "; last output:\n"
                    + lastOutput() + "\n(full log: " + logFile + ")");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage() + "\n(full log: " + logFile + ")", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    /** Waits for a child that ends by itself (a command-line tool) to exit. */
    public void awaitExit(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** Graceful stop: SIGTERM, then up to 30 s for the child to flush and exit, then SIGKILL. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Crash: SIGKILL with no chance to clean up, as a fault test wants. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran; nothing to remove
        }
    }

    private void pumpOutput(Predicate<String> readyLine) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = output.readLine()) != null) {
                log.println(line);
                remember(line);
                if (!ready.isDone() && readyLine.test(line)) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    private synchronized void remember(String line) {
        if (lastLines.size() == KEPT_LINES) {
            lastLines.removeFirst();
        }
        lastLines.addLast(line);
    }

    private synchronized String lastOutput() {
        return String.join("\n", lastLines);
    }
}
