package org.speechforum.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real single-node Elasticsearch 9.5.3, run in a child JVM from the {@code elasticsearch-node} module's
 * {@code target/node} directory (build it with {@code mvn -f elasticsearch-node/pom.xml package}).
 *
 * <p>The node gets its own JVM and class path because Elasticsearch insists on its own log4j, Netty and Lucene
 * versions and takes over {@code System.out}/{@code System.err}; none of that should leak into the caller.
 * The process itself (output to a log file, waiting for the ready line, stop, kill, stop at parent exit) is a
 * {@link ChildJvm}; this class knows what an Elasticsearch child needs.
 *
 * <pre>{@code
 * try (ElasticsearchNode es = ElasticsearchNode.start(nodeDir, home, 0, Duration.ofSeconds(60))) {
 *     String url = es.httpUrl(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 *
 * The same {@code home} on the next start keeps the indices. The child's output (its ready line and its WARN+
 * log lines) goes to {@code <home>/logs/process.log}; the full node log is {@code <home>/logs/<cluster>.log}.
 */
public final class ElasticsearchNode implements AutoCloseable {

    /** Main class inside the node directory. */
    public static final String MAIN_CLASS = "org.speechforum.esnode.ElasticsearchNodeMain";

    /** Extra JVM options that start the node faster (C1 only) at the cost of peak speed: for tests. */
    public static final List<String> QUICK_START_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    /** Heap when {@code ES_JAVA_OPTS} does not say otherwise; options from {@code ES_JAVA_OPTS} come later and win. */
    public static final List<String> DEFAULT_HEAP_OPTIONS = List.of("-Xms1g", "-Xmx1g");

    private static final String READY_PREFIX = "ELASTICSEARCH_READY ";
    private static final List<Path> SYSTEM_ZSTD = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/libzstd.so.1"),
            Path.of("/usr/lib/aarch64-linux-gnu/libzstd.so.1"),
            Path.of("/usr/lib64/libzstd.so.1"),
            Path.of("/usr/lib/libzstd.so.1"));

    private final ChildJvm jvm;
    private final Path home;
    private final List<String> command;
    private final int httpPort;

    private ElasticsearchNode(ChildJvm jvm, Path home, List<String> command, int httpPort) {
        this.jvm = jvm;
        this.home = home;
        this.command = command;
        this.httpPort = httpPort;
    }

    /**
     * Starts a node and waits until it answers HTTP.
     *
     * @param nodeDistributionDir the {@code elasticsearch-node/target/node} directory (all the node's jars)
     * @param home                data, logs and config go here; created if missing, reused if present
     * @param httpPort            HTTP port on 127.0.0.1, 0 for any free port
     * @param timeout             how long to wait for the ready line before stopping the child
     * @throws IllegalStateException if the child exits or does not become ready in time; the message holds its
     *                               last output lines and the command
     */
    public static ElasticsearchNode start(Path nodeDistributionDir, Path home, int httpPort, Duration timeout) {
        return start(nodeDistributionDir, home, httpPort, timeout, List.of());
    }

    /**
     * As {@link #start(Path, Path, int, Duration)}, with extra JVM options for the child (after the defaults and
     * {@code ES_JAVA_OPTS}, so they win), e.g. {@link #QUICK_START_JVM_OPTIONS}.
     */
    public static ElasticsearchNode start(Path nodeDistributionDir, Path home, int httpPort, Duration timeout,
                                         List<String> extraJvmOptions) {
        Objects.requireNonNull(timeout, "timeout");
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort out of range: " + httpPort);
        }
        Path nodeDir = nodeDistributionDir.toAbsolutePath().normalize();
        checkNodeDirectory(nodeDir);
        Path homeDir = home.toAbsolutePath().normalize();
        Path nativeDir;
        try {
            Files.createDirectories(homeDir.resolve("logs"));
            nativeDir = Files.createDirectories(homeDir.resolve("native"));
            Files.createDirectories(homeDir.resolve("tmp"));
            linkSystemZstd(nativeDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Elasticsearch home " + homeDir, e);
        }
        List<String> command = command(nodeDir, homeDir, nativeDir, httpPort, extraJvmOptions);
        ChildJvm jvm;
        try {
            jvm = ChildJvm.launch("elasticsearch-node", command, Map.of(), homeDir.resolve("logs/process.log"),
                    line -> line.startsWith(READY_PREFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Elasticsearch child JVM: " + String.join(" ", command), e);
        }
        String ready;
        try {
            ready = jvm.awaitReady(timeout);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n  command: " + String.join(" ", command), e);
        }
        String url = ready.substring(READY_PREFIX.length()).trim();
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        return new ElasticsearchNode(jvm, homeDir, List.copyOf(command), port);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    public long pid() {
        return jvm.pid();
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
        jvm.close();
    }

    /** SIGKILL, no clean shutdown: for fault tests (the next start on the same home recovers from the translog). */
    public void kill() {
        jvm.kill();
    }

    @Override
    public String toString() {
        return "ElasticsearchNode[" + httpUrl() + ", pid " + jvm.pid() + (jvm.isAlive() ? "" : ", exited")
                + ", home " + home + "]";
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
        if (esJavaOpts != null && !esJavaOpts.isBlank()) {
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

    /** {@code ES_JAVA_HOME}'s java if set, else the running JVM's own (Elasticsearch 9 needs 21+, as does this class). */
    private static String javaBinary() {
        String esJavaHome = System.getenv("ES_JAVA_HOME");
        if (esJavaHome != null && !esJavaHome.isBlank()) {
            return Path.of(esJavaHome, "bin", "java").toString();
        }
        return ChildJvm.javaBinary();
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
        if (!hasMain) {
            throw new IllegalStateException("no Elasticsearch node distribution in " + nodeDir
                    + " (expected elasticsearch-node-*.jar and its dependencies); build it with"
                    + " 'mvn -f elasticsearch-node/pom.xml package'");
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
}
