package org.speechforum.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @Test
    void topicsSurviveARestartOnTheSameDataDirectory(@TempDir Path dataDir) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dataDir, FreePorts.next(), FreePorts.next(),
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), Duration.ofSeconds(90))) {
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get();
            }
            broker.restart(Duration.ofSeconds(90));
            try (Admin admin = admin(broker)) {
                Set<String> names = admin.listTopics().names().get();
                assertThat(names).contains("kept");
            }
        }
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
