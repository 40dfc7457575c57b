package dev.vigil.embedded.junit;

import dev.vigil.embedded.FlinkCluster;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one Flink MiniCluster per test class (one task manager, 4 slots, parallelism 2, 1 s
 * checkpoints in a temporary directory) and stops it afterwards; register it on a static field with
 * {@code @RegisterExtension}.
 */
public final class FlinkExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** The parallelism of jobs in integration tests, as STYLE.md asks. */
    public static final int PARALLELISM = 2;

    private Consumer<FlinkCluster.Builder> customizer = builder -> {};
    private ScratchDirectory dataDir;
    private FlinkCluster cluster;

    /** Changes the cluster's settings before it starts, for example the checkpoint interval. */
    public FlinkExtension customize(Consumer<FlinkCluster.Builder> customizer) {
        this.customizer = this.customizer.andThen(customizer);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        dataDir = ScratchDirectory.create("vigil-flink-");
        FlinkCluster.Builder builder =
                FlinkCluster.builder()
                        .slotsPerTaskManager(4)
                        .parallelism(PARALLELISM)
                        .checkpointDir(dataDir.path().resolve("checkpoints"))
                        .checkpointInterval(Duration.ofSeconds(1));
        customizer.accept(builder);
        cluster = builder.build().start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionSupport.requireStarted(cluster, "FlinkExtension");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        FlinkCluster stopping = cluster;
        cluster = null;
        ExtensionSupport.closeAll(stopping, dataDir);
    }

    /** A new environment whose jobs run on this class's MiniCluster. */
    public StreamExecutionEnvironment environment() {
        return cluster().environment();
    }

    /** Submits the pipeline defined on {@code env} and returns at once. */
    public JobID submit(StreamExecutionEnvironment env, String jobName) {
        return cluster().submit(env, jobName);
    }

    /** The REST base address of the MiniCluster. */
    public String restUrl() {
        return cluster().restUrl();
    }

    /** The running cluster. */
    public FlinkCluster cluster() {
        return ExtensionSupport.requireStarted(cluster, "FlinkExtension");
    }
}
