package dev.vigil.embedded.junit;

import dev.vigil.embedded.KafkaBroker;
import dev.vigil.embedded.TopicSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one embedded Kafka broker per test class in a temporary directory and deletes it
 * afterwards; register it on a static field with {@code @RegisterExtension}.
 */
public final class KafkaExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final List<TopicSpec> initialTopics = new ArrayList<>();
    private ScratchDirectory dataDir;
    private KafkaBroker broker;

    /**
     * Topics created as soon as the broker is up; the hook for a whole catalogue, for example
     * {@code new KafkaExtension().withTopics(allVigilTopics)}.
     */
    public KafkaExtension withTopics(Collection<TopicSpec> topics) {
        initialTopics.addAll(topics);
        return this;
    }

    /** Like {@link #withTopics(Collection)}. */
    public KafkaExtension withTopics(TopicSpec... topics) {
        return withTopics(List.of(topics));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        dataDir = ScratchDirectory.create("vigil-kafka-");
        broker = KafkaBroker.builder(dataDir.path()).build().start();
        broker.createTopics(initialTopics);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionSupport.requireStarted(broker, "KafkaExtension");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        KafkaBroker stopping = broker;
        broker = null;
        ExtensionSupport.closeAll(stopping, dataDir);
    }

    /** The broker's address for clients, for example {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(TopicSpec... topics) {
        broker().createTopics(List.of(topics));
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(Collection<TopicSpec> topics) {
        broker().createTopics(topics);
    }

    /** The running broker. */
    public KafkaBroker broker() {
        return ExtensionSupport.requireStarted(broker, "KafkaExtension");
    }
}
