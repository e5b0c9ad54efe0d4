package org.speechforum.esnode;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.elasticsearch.action.admin.cluster.health.ClusterHealthRequest;
import org.elasticsearch.action.admin.cluster.health.ClusterHealthResponse;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.ClasspathNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts a single-node Elasticsearch on 127.0.0.1 from the jars next to this one, for tests and local runs.
 *
 * <pre>
 * java -cp 'target/node/*' org.speechforum.esnode.ElasticsearchNodeMain --home DIR --http-port N [--cluster-name NAME]
 * </pre>
 *
 * Data, logs and config live under {@code --home}; the same home on the next start keeps the indices.
 * {@code --http-port 0} picks a free port. When the node serves requests, exactly one line
 * {@code ELASTICSEARCH_READY http://127.0.0.1:<port>} is written to stdout; everything else goes to
 * {@code <home>/logs} (and WARN and above to stderr). SIGTERM closes the node cleanly.
 */
public final class ElasticsearchNodeMain {

    public static final String READY_PREFIX = "ELASTICSEARCH_READY ";

    /** Where Debian keeps the zstd library Elasticsearch binds to for {@code best_compression}. */
    private static final List<Path> SYSTEM_ZSTD = List.of(
        Path.of("/usr/lib/x86_64-linux-gnu/libzstd.so.1"),
        Path.of("/usr/lib/aarch64-linux-gnu/libzstd.so.1"),
        Path.of("/usr/lib64/libzstd.so.1"),
        Path.of("/usr/lib/libzstd.so.1")
    );

    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,
        RootEndpointPlugin.class,
        EnglishAnalysisPlugin.class,
        LanguageAnalysisPlugin.class
    );

    private static final CountDownLatch STOPPED = new CountDownLatch(1);

    private ElasticsearchNodeMain() {}

    public static void main(String[] args) throws Exception {
        // stdout carries the ready line and nothing else: keep the real stream, send stray prints to stderr.
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);

        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(
                "usage: java -cp '<node dir>/*' " + ElasticsearchNodeMain.class.getName()
                    + " --home <dir> --http-port <n, 0 = free> [--cluster-name <name>]"
            );
            System.exit(64);
            return;
        }

        // Defaults of the distribution's jvm.options, in case the command line does not carry them. They must be set
        // before Netty or log4j classes load. Log4j must not stop before the node has logged its own shutdown.
        setIfAbsent("log4j2.shutdownHookEnabled", "false");
        setIfAbsent("log4j2.disable.jmx", "true");
        setIfAbsent("log4j2.formatMsgNoLookups", "true");
        setIfAbsent("io.netty.noUnsafe", "true");
        setIfAbsent("io.netty.noKeySetOptimization", "true");
        setIfAbsent("io.netty.recycler.maxCapacityPerThread", "0");
        prepareNativeLibraries(options.home);

        Path home = options.home;
        Path config = Files.createDirectories(home.resolve("config"));
        Path data = Files.createDirectories(home.resolve("data"));
        Path logs = Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("plugins"));
        Files.createDirectories(home.resolve("modules"));
        Files.writeString(config.resolve("log4j2.properties"), log4jConfig(), StandardCharsets.UTF_8);

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", data.toString())
            .put("path.logs", logs.toString())
            .put("cluster.name", options.clusterName)
            .put("node.name", "local-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", options.httpPort)
            .put("transport.port", 0)
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            .put("discovery.type", "single-node")
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("node.portsfile", true)
            .put("action.destructive_requires_name", false)
            .build();

        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config, () -> "local-node");
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName("local-node");
        LogConfigurator.setClusterName(options.clusterName);
        // true keeps our stderr console appender (WARN and above). Elasticsearch then routes System.out/err into log4j
        // (loggers "stdout"/"stderr"); the appender still writes to the real stderr it captured when it was created.
        LogConfigurator.configure(environment, true);
        Logger logger = LogManager.getLogger(ElasticsearchNodeMain.class);

        int port;
        try {
            port = startNode(environment, logger);
        } catch (Throwable e) {
            logger.error("Elasticsearch node failed to start", e);
            System.exit(1); // runs the close hook if the node was constructed
            return;
        }
        stdout.println(READY_PREFIX + "http://127.0.0.1:" + port);
        stdout.flush();
        // Every Elasticsearch thread is a daemon thread: the main thread keeps the JVM up until the shutdown hook ran.
        STOPPED.await();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static int startNode(Environment environment, Logger logger) throws Exception {
        long started = System.nanoTime();
        Node node = new ClasspathNode(environment, PLUGINS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(node, logger), "es-node-shutdown"));
        node.start();

        ClusterHealthResponse health = node.client()
            .admin()
            .cluster()
            .health(new ClusterHealthRequest(TimeValue.timeValueSeconds(60)).waitForYellowStatus().timeout(TimeValue.timeValueSeconds(60)))
            .actionGet(70, TimeUnit.SECONDS);
        if (health.isTimedOut()) {
            logger.warn("cluster health did not reach yellow within 60s (status {}); announcing the node anyway", health.getStatus());
        }
        int port = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        logger.info(
            "local node up on http://127.0.0.1:{} in {} ms (cluster health {})",
            port,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
            health.getStatus()
        );
        return port;
    }

    private static void shutdown(Node node, Logger logger) {
        try {
            logger.info("closing the node (JVM shutdown)");
            node.prepareForClose();
            node.close();
            if (node.awaitClose(25, TimeUnit.SECONDS) == false) {
                logger.warn("node did not close within 25s");
            }
        } catch (Exception e) {
            logger.warn("failed to close the node cleanly", e);
        } finally {
            LogManager.shutdown();
            STOPPED.countDown();
        }
    }

    /**
     * Elasticsearch loads zstd from {@code es.nativelibs.path} as {@code libzstd.so}. The distribution ships it; here the
     * system's copy is linked into {@code <home>/native}. Without it indices using {@code best_compression} fail.
     */
    static void prepareNativeLibraries(Path home) throws IOException {
        if (System.getProperty("es.nativelibs.path") == null) {
            Path nativeDir = Files.createDirectories(home.resolve("native"));
            Path link = nativeDir.resolve("libzstd.so");
            if (Files.exists(link) == false) {
                for (Path candidate : SYSTEM_ZSTD) {
                    if (Files.exists(candidate)) {
                        Files.deleteIfExists(link); // a dangling link from another machine
                        Files.createSymbolicLink(link, candidate);
                        break;
                    }
                }
            }
            System.setProperty("es.nativelibs.path", nativeDir.toString());
        }
        if (System.getProperty("org.elasticsearch.nativeaccess.enableVectorLibrary") == null) {
            System.setProperty("org.elasticsearch.nativeaccess.enableVectorLibrary", "false");
        }
    }

    private static String log4jConfig() {
        return """
            # Written by ElasticsearchNodeMain at every start; edits are overwritten.
            status = error

            appender.file.type = RollingFile
            appender.file.name = file
            appender.file.fileName = ${sys:es.logs.base_path}${sys:file.separator}${sys:es.logs.cluster_name}.log
            appender.file.filePattern = ${sys:es.logs.base_path}${sys:file.separator}${sys:es.logs.cluster_name}-%i.log
            appender.file.layout.type = PatternLayout
            appender.file.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n
            appender.file.policies.type = Policies
            appender.file.policies.size.type = SizeBasedTriggeringPolicy
            appender.file.policies.size.size = 32MB
            appender.file.strategy.type = DefaultRolloverStrategy
            appender.file.strategy.max = 3

            appender.deprecation.type = RollingFile
            appender.deprecation.name = deprecation
            appender.deprecation.fileName = ${sys:es.logs.base_path}${sys:file.separator}${sys:es.logs.cluster_name}_deprecation.log
            appender.deprecation.filePattern = ${sys:es.logs.base_path}${sys:file.separator}${sys:es.logs.cluster_name}_deprecation-%i.log
            appender.deprecation.layout.type = PatternLayout
            appender.deprecation.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n
            appender.deprecation.policies.type = Policies
            appender.deprecation.policies.size.type = SizeBasedTriggeringPolicy
            appender.deprecation.policies.size.size = 16MB
            appender.deprecation.strategy.type = DefaultRolloverStrategy
            appender.deprecation.strategy.max = 2

            # Elasticsearch drops the root's console appender unless configured with useConsole=true (which we do).
            appender.stderr.type = Console
            appender.stderr.name = stderr
            appender.stderr.target = SYSTEM_ERR
            appender.stderr.layout.type = PatternLayout
            appender.stderr.layout.pattern = [%d{HH:mm:ss,SSS}][%-5p][%c{1.}] %m%n
            appender.stderr.filter.threshold.type = ThresholdFilter
            appender.stderr.filter.threshold.level = warn

            rootLogger.level = info
            rootLogger.appenderRef.file.ref = file
            rootLogger.appenderRef.stderr.ref = stderr

            logger.deprecation.name = org.elasticsearch.deprecation
            logger.deprecation.level = warn
            logger.deprecation.appenderRef.deprecation.ref = deprecation
            logger.deprecation.additivity = false
            """;
    }

    private record Options(Path home, int httpPort, String clusterName) {
        static Options parse(String[] args) {
            Path home = null;
            Integer port = null;
            String clusterName = "local-es";
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--home" -> home = Path.of(value).toAbsolutePath().normalize();
                    case "--http-port" -> {
                        try {
                            port = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--http-port must be a number, got " + value);
                        }
                        if (port < 0 || port > 65535) {
                            throw new IllegalArgumentException("--http-port out of range: " + port);
                        }
                    }
                    case "--cluster-name" -> clusterName = value;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (home == null) {
                throw new IllegalArgumentException("--home is required");
            }
            if (port == null) {
                throw new IllegalArgumentException("--http-port is required (0 = any free port)");
            }
            return new Options(home, port, clusterName);
        }
    }
}
