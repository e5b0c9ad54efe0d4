package org.speechforum.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node Elasticsearch 9.5.3, run in a child JVM from the {@code elasticsearch-node} module's
 * {@code target/node} directory (build it with {@code mvn -f elasticsearch-node/pom.xml package}).
 *
 * <p>The node gets its own JVM and class path because Elasticsearch insists on its own log4j, Netty and Lucene
 * versions and takes over {@code System.out}/{@code System.err}; none of that should leak into the caller.
 * Pure JDK: this class depends on nothing.
 *
 * <pre>{@code
 * try (ElasticsearchNode es = ElasticsearchNode.start(nodeDir, home, 0, Duration.ofSeconds(60))) {
 *     String url = es.httpUrl(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 *
 * The same {@code home} on the next start keeps the indices. The child's stdout carries only the ready line; its
 * stderr (WARN and above) goes to {@code <home>/logs/stderr.log} and, prefixed with {@code [es-node]}, to this JVM's
 * stderr. The full node log is {@code <home>/logs/<cluster name>.log}.
 */
public final class ElasticsearchNode implements AutoCloseable {

    /** Main class inside the node directory. */
    public static final String MAIN_CLASS = "org.speechforum.esnode.ElasticsearchNodeMain";

    /** Extra JVM options that start the node faster (C1 only) at the cost of peak speed: for tests. */
    public static final List<String> QUICK_START_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    /** Heap when {@code ES_JAVA_OPTS} does not say otherwise; options from {@code ES_JAVA_OPTS} come later and win. */
    public static final List<String> DEFAULT_HEAP_OPTIONS = List.of("-Xms1g", "-Xmx1g");

    private static final String READY_PREFIX = "ELASTICSEARCH_READY ";
    private static final String STDERR_PREFIX = "[es-node] ";
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final int TAIL_LINES = 40;
    private static final List<Path> SYSTEM_ZSTD = List.of(
        Path.of("/usr/lib/x86_64-linux-gnu/libzstd.so.1"),
        Path.of("/usr/lib/aarch64-linux-gnu/libzstd.so.1"),
        Path.of("/usr/lib64/libzstd.so.1"),
        Path.of("/usr/lib/libzstd.so.1")
    );

    private final Process process;
    private final Path home;
    private final List<String> command;
    private final String httpUrl;
    private final int httpPort;
    private final Thread parentExitHook;

    private ElasticsearchNode(Process process, Path home, List<String> command, int httpPort, Thread parentExitHook) {
        this.process = process;
        this.home = home;
        this.command = command;
        this.httpPort = httpPort;
        this.httpUrl = "http://127.0.0.1:" + httpPort;
        this.parentExitHook = parentExitHook;
    }

    /**
     * Starts a node and waits until it answers HTTP.
     *
     * @param nodeDistributionDir the {@code elasticsearch-node/target/node} directory (all the node's jars)
     * @param home                data, logs and config go here; created if missing, reused if present
     * @param httpPort            HTTP port on 127.0.0.1, 0 for any free port
     * @param timeout             how long to wait for the ready line before killing the child
     * @throws IllegalStateException if the child exits or does not become ready in time; the message holds the last
     *                               lines of its stderr and log
     */
    public static ElasticsearchNode start(Path nodeDistributionDir, Path home, int httpPort, Duration timeout) {
        return start(nodeDistributionDir, home, httpPort, timeout, List.of());
    }

    /**
     * As {@link #start(Path, Path, int, Duration)}, with extra JVM options for the child (after the defaults and
     * {@code ES_JAVA_OPTS}, so they win), e.g. {@link #QUICK_START_JVM_OPTIONS}.
     */
    public static ElasticsearchNode start(
        Path nodeDistributionDir,
        Path home,
        int httpPort,
        Duration timeout,
        List<String> extraJvmOptions
    ) {
        Objects.requireNonNull(timeout, "timeout");
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort out of range: " + httpPort);
        }
        Path nodeDir = nodeDistributionDir.toAbsolutePath().normalize();
        checkNodeDirectory(nodeDir);
        Path homeDir = home.toAbsolutePath().normalize();
        Path logs;
        Path nativeDir;
        try {
            logs = Files.createDirectories(homeDir.resolve("logs"));
            nativeDir = Files.createDirectories(homeDir.resolve("native"));
            Files.createDirectories(homeDir.resolve("tmp"));
            linkSystemZstd(nativeDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Elasticsearch home " + homeDir, e);
        }

        List<String> command = command(nodeDir, homeDir, nativeDir, httpPort, extraJvmOptions);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(homeDir.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Elasticsearch child JVM: " + String.join(" ", command), e);
        }

        Deque<String> stderrTail = new ArrayDeque<>();
        CompletableFuture<String> ready = new CompletableFuture<>();
        startDaemon("es-node-stdout-" + process.pid(), () -> pumpStdout(process.getInputStream(), ready));
        startDaemon("es-node-stderr-" + process.pid(), () -> pumpStderr(process.getErrorStream(), logs.resolve("stderr.log"), stderrTail));
        process.onExit().thenAccept(p -> ready.completeExceptionally(new ChildExited(p.exitValue())));

        Thread hook = new Thread(() -> stop(process, Duration.ofSeconds(15)), "es-node-parent-exit-" + process.pid());
        Runtime.getRuntime().addShutdownHook(hook);

        String url;
        try {
            url = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            waitQuietly(process, Duration.ofSeconds(10));
            removeHook(hook);
            throw new IllegalStateException(
                "Elasticsearch did not become ready within " + timeout + "; child killed." + diagnostics(command, homeDir, stderrTail)
            );
        } catch (ExecutionException e) {
            removeHook(hook);
            String why = e.getCause() instanceof ChildExited exited
                ? "Elasticsearch child JVM exited with code " + exited.exitCode + " before it was ready."
                : "Elasticsearch child JVM failed before it was ready: " + e.getCause();
            waitQuietly(process, Duration.ofSeconds(2)); // let the stderr pump drain
            throw new IllegalStateException(why + diagnostics(command, homeDir, stderrTail), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            removeHook(hook);
            throw new IllegalStateException("interrupted while waiting for Elasticsearch to start", e);
        }
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        return new ElasticsearchNode(process, homeDir, List.copyOf(command), port, hook);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String httpUrl() {
        return httpUrl;
    }

    public int httpPort() {
        return httpPort;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path home() {
        return home;
    }

    /** The exact command line the child was started with. */
    public List<String> command() {
        return command;
    }

    /** Stops the node: SIGTERM (the node closes its indices cleanly), up to 30 s, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        stop(process, GRACEFUL_STOP);
        removeHook(parentExitHook);
    }

    /** SIGKILL, no clean shutdown: for fault tests (the next start on the same home recovers from the translog). */
    public void kill() {
        process.destroyForcibly();
        waitQuietly(process, Duration.ofSeconds(30));
        removeHook(parentExitHook);
    }

    @Override
    public String toString() {
        return "ElasticsearchNode[" + httpUrl + ", pid " + process.pid() + (process.isAlive() ? "" : ", exited") + ", home " + home + "]";
    }

    static List<String> command(Path nodeDir, Path home, Path nativeDir, int httpPort, List<String> extraJvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(DEFAULT_HEAP_OPTIONS);
        // What the distribution's jvm.options sets and a class path node still needs.
        cmd.add("-XX:+UseG1GC");
        cmd.add("-XX:-OmitStackTraceInFastThrow");
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-Djava.locale.providers=CLDR");
        cmd.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
        cmd.add("-Dio.netty.noUnsafe=true");
        cmd.add("-Dio.netty.noKeySetOptimization=true");
        cmd.add("-Dio.netty.recycler.maxCapacityPerThread=0");
        cmd.add("-Dlog4j2.shutdownHookEnabled=false");
        cmd.add("-Dlog4j2.disable.jmx=true");
        cmd.add("-Dlog4j2.formatMsgNoLookups=true");
        cmd.add("-Des.nativelibs.path=" + nativeDir);
        cmd.add("-Dorg.elasticsearch.nativeaccess.enableVectorLibrary=false");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        List<String> userOptions = new ArrayList<>();
        String esJavaOpts = System.getenv("ES_JAVA_OPTS");
        if (esJavaOpts != null && esJavaOpts.isBlank() == false) {
            userOptions.addAll(List.of(esJavaOpts.trim().split("\\s+")));
        }
        userOptions.addAll(extraJvmOptions);
        // Lucene's vector code needs C2; with C1 only it would just log a warning at every start.
        if (userOptions.stream().noneMatch(option -> option.startsWith("-XX:TieredStopAtLevel="))) {
            cmd.add("--add-modules=jdk.incubator.vector");
        }
        cmd.addAll(userOptions);
        cmd.add("-cp");
        cmd.add(nodeDir + "/*"); // expanded by the java launcher: every jar in the node directory
        cmd.add(MAIN_CLASS);
        cmd.add("--home");
        cmd.add(home.toString());
        cmd.add("--http-port");
        cmd.add(Integer.toString(httpPort));
        return cmd;
    }

    /** The running JVM's own java binary (Elasticsearch 9 needs 21+, as does this class), or {@code ES_JAVA_HOME}. */
    private static String javaBinary() {
        String esJavaHome = System.getenv("ES_JAVA_HOME");
        if (esJavaHome != null && esJavaHome.isBlank() == false) {
            return Path.of(esJavaHome, "bin", "java").toString();
        }
        return ProcessHandle.current()
            .info()
            .command()
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void checkNodeDirectory(Path nodeDir) {
        boolean hasMain = false;
        if (Files.isDirectory(nodeDir)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(nodeDir, "elasticsearch-node-*.jar")) {
                hasMain = jars.iterator().hasNext();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (hasMain == false) {
            throw new IllegalStateException(
                "no Elasticsearch node distribution in " + nodeDir
                    + " (expected elasticsearch-node-*.jar and its dependencies); build it with"
                    + " 'mvn -f elasticsearch-node/pom.xml package'"
            );
        }
    }

    /** Elasticsearch binds zstd as {@code <es.nativelibs.path>/libzstd.so}; link Debian's copy there. */
    private static void linkSystemZstd(Path nativeDir) throws IOException {
        Path link = nativeDir.resolve("libzstd.so");
        if (Files.exists(link)) {
            return;
        }
        for (Path candidate : SYSTEM_ZSTD) {
            if (Files.exists(candidate)) {
                Files.deleteIfExists(link); // dangling link left by another machine
                Files.createSymbolicLink(link, candidate);
                return;
            }
        }
    }

    private static void pumpStdout(InputStream in, CompletableFuture<String> ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(READY_PREFIX)) {
                    ready.complete(line.substring(READY_PREFIX.length()).trim());
                } else {
                    System.err.println(STDERR_PREFIX + line);
                }
            }
        } catch (IOException e) {
            // the child went away; onExit reports it
        }
    }

    private static void pumpStderr(InputStream in, Path logFile, Deque<String> tail) {
        try (
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
        ) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.write(line);
                log.write(System.lineSeparator());
                log.flush();
                // Stack frames are in the file; the tail kept for error messages holds the lines that say what happened.
                boolean frame = line.stripLeading().startsWith("at ") || line.stripLeading().startsWith("... ");
                synchronized (tail) {
                    if (frame == false) {
                        tail.addLast(line);
                    }
                    while (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                if (line.startsWith("WARNING: Using incubator modules") == false) {
                    System.err.println(STDERR_PREFIX + line);
                }
            }
        } catch (IOException e) {
            // the child went away; onExit reports it
        }
    }

    private static String diagnostics(List<String> command, Path home, Deque<String> stderrTail) {
        StringBuilder out = new StringBuilder();
        out.append("\n  command: ").append(String.join(" ", command));
        synchronized (stderrTail) {
            if (stderrTail.isEmpty() == false) {
                out.append("\n  last stderr lines:");
                stderrTail.forEach(line -> out.append("\n    ").append(line));
            }
        }
        Path nodeLog = newestNodeLog(home.resolve("logs"));
        if (nodeLog != null) {
            List<String> lines = readLines(nodeLog);
            List<String> errors = lines.stream()
                .filter(line -> line.contains("][ERROR]") || (line.contains("Exception") && line.contains("\tat ") == false))
                .limit(10)
                .toList();
            if (errors.isEmpty() == false) {
                out.append("\n  first errors in ").append(nodeLog).append(':');
                errors.forEach(line -> out.append("\n    ").append(line));
            }
            out.append("\n  last lines of ").append(nodeLog).append(':');
            lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(line -> out.append("\n    ").append(line));
        }
        return out.toString();
    }

    private static Path newestNodeLog(Path logs) {
        Path newest = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(logs, "*.log")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.equals("stderr.log") || name.endsWith("_deprecation.log")) {
                    continue;
                }
                if (newest == null || Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(newest)) > 0) {
                    newest = file;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return newest;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read: " + e + ")");
        }
    }

    private static void stop(Process process, Duration grace) {
        if (process.isAlive() == false) {
            return;
        }
        process.destroy(); // SIGTERM: the node's shutdown hook closes it
        if (waitQuietly(process, grace) == false) {
            process.destroyForcibly();
            waitQuietly(process, Duration.ofSeconds(10));
        }
    }

    private static boolean waitQuietly(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return process.isAlive() == false;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }

    private static void startDaemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static final class ChildExited extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        ChildExited(int exitCode) {
            super("exit code " + exitCode, null, false, false);
            this.exitCode = exitCode;
        }
    }
}
