package dev.vigil.embedded;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Lets a {@code StreamExecutionEnvironment} run its pipelines on one running {@link MiniCluster},
 * so {@code execute}, {@code executeAsync} and {@code executeAndCollect} need no jar and no REST.
 */
final class MiniClusterExecutorLoader implements PipelineExecutorServiceLoader {

    static final String NAME = "vigil-minicluster";

    private final MiniCluster miniCluster;

    MiniClusterExecutorLoader(MiniCluster miniCluster) {
        this.miniCluster = miniCluster;
    }

    @Override
    public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
        return new PipelineExecutorFactory() {
            @Override
            public String getName() {
                return NAME;
            }

            @Override
            public boolean isCompatibleWith(Configuration configuration) {
                return true;
            }

            @Override
            public PipelineExecutor getExecutor(Configuration configuration) {
                return MiniClusterExecutorLoader.this::execute;
            }
        };
    }

    @Override
    public Stream<String> getExecutorNames() {
        return Stream.of(NAME);
    }

    private CompletableFuture<JobClient> execute(
            Pipeline pipeline, Configuration configuration, ClassLoader userCodeClassLoader)
            throws Exception {
        SavepointRestoreSettings fromGraph =
                pipeline instanceof StreamGraph graph
                        ? graph.getSavepointRestoreSettings()
                        : SavepointRestoreSettings.none();
        StreamGraph streamGraph = PipelineExecutorUtils.getStreamGraph(pipeline, configuration);
        // The configuration wins over the graph only when it names a savepoint itself.
        if (!streamGraph.getSavepointRestoreSettings().restoreSavepoint()) {
            streamGraph.setSavepointRestoreSettings(fromGraph);
        }
        return miniCluster
                .submitJob(streamGraph)
                .thenApply(
                        submitted ->
                                new MiniClusterJobClient(
                                        submitted.getJobID(),
                                        miniCluster,
                                        userCodeClassLoader,
                                        MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
    }
}
