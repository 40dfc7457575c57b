package dev.vigil.jobs.incident;

import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.Command;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.jobs.JobsConfig;
import dev.vigil.jobs.detect.registry.RegistryUpdate;
import dev.vigil.jobs.kafka.TopicSources;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The incident job: from alerts, operators' and agencies' commands, the source registry and
 * alerting's dead-lettered deliveries to the incident history on {@code vigil.incidents}, the
 * lifecycle of DESIGN.md with its deadlines.
 *
 * <h2>Keys</h2>
 *
 * Alerts are keyed by source and commands by incident id; an incident id starts with its source id
 * (see {@link IncidentKeys}), so both are keyed here by source and one operator instance holds all
 * incidents of a source: grouping (is there an open incident for this alert?), silence and the
 * lifecycle meet without a second hop. Every event of an incident is numbered by that instance, so
 * sequences are contiguous and {@code vigil.incidents} alone rebuilds the timeline. Deliveries are
 * keyed by incident id on {@code vigil.deliveries} and join the same instance: a DEAD_LETTERED one
 * becomes a DELIVERY_FAILED event (agency, channel and reason in {@code detail}), once per delivery
 * id, since the incident keeps the ids it recorded in its checkpointed state.
 *
 * <h2>Merge</h2>
 *
 * MERGE on incident A (into B) moves A to MERGED at once; B, possibly of another source and so of
 * another instance, learns of it by a SYSTEM MERGE command (id derived from A's command, naming A
 * in {@code mergeInto}) that the job publishes on {@code vigil.commands} under B and reads back
 * like any command, so B numbers its MERGED event in its own sequence. Alerts of A's source after
 * the merge open a new incident there.
 *
 * <h2>Time and delivery</h2>
 *
 * Deadlines are processing-time timers (silence produces no event time); the correlation window
 * compares the alerts' own event times. Input is at-least-once: a repeated alert (same id, state
 * and severity) or command (same command id) changes nothing; the sink is at-least-once, and the
 * event ids ({@link IncidentEvent#idFor}) let consumers deduplicate. RESOLVED alerts do not change
 * incidents: people resolve incidents.
 */
public final class IncidentJob {

    /** The job's name on the cluster. */
    public static final String NAME = "vigil-incidents";

    /** The Kafka consumer group of the job's sources. */
    public static final String GROUP_ID = "vigil-incidents";

    static final String ALERTS_SOURCE_UID = "incidents-alerts-source";
    static final String COMMANDS_SOURCE_UID = "incidents-commands-source";
    static final String SOURCES_SOURCE_UID = "incidents-sources-source";
    static final String DELIVERIES_SOURCE_UID = "incidents-deliveries-source";
    static final String ALERT_INPUT_UID = "incidents-alert-input";
    static final String COMMAND_INPUT_UID = "incidents-command-input";
    static final String DELIVERY_INPUT_UID = "incidents-delivery-input";
    static final String SOURCE_PLACES_UID = "incidents-source-places";
    // "-2": the broadcast state holds source places instead of whole sources since this version;
    // a new uid keeps an old checkpoint's Source records from being restored and carried along.
    static final String INCIDENTS_UID = "incidents-lifecycle-2";
    static final String INCIDENTS_SINK_UID = "incidents-sink";
    static final String MERGE_SINK_UID = "incidents-merge-commands-sink";
    static final String DEAD_LETTER_SINK_UID = "incidents-dead-letter-sink";

    static final TypeInformation<Alert> ALERT_TYPE = TypeInformation.of(Alert.class);
    static final TypeInformation<Command> COMMAND_TYPE = TypeInformation.of(Command.class);
    static final TypeInformation<Delivery> DELIVERY_TYPE = TypeInformation.of(Delivery.class);
    static final TypeInformation<IncidentInput> INPUT_TYPE =
            TypeInformation.of(IncidentInput.class);
    static final TypeInformation<SourcePlace> PLACE_TYPE = TypeInformation.of(SourcePlace.class);
    public static final TypeInformation<IncidentEvent> EVENT_TYPE =
            TypeInformation.of(IncidentEvent.class);

    private IncidentJob() {}

    /**
     * What the incident job reads.
     *
     * @param alerts detection's alerts
     * @param commands operators' and agencies' commands, and the job's own merge halves
     * @param sources source registry updates (tombstones included), from the beginning
     * @param deliveries alerting's delivery records; the DEAD_LETTERED ones join the timeline
     */
    public record Inputs(
            DataStream<Alert> alerts,
            DataStream<Command> commands,
            DataStream<RegistryUpdate> sources,
            DataStream<Delivery> deliveries) {}

    /**
     * What it produces.
     *
     * @param incidents every incident event, for {@code vigil.incidents}
     * @param mergeCommands receiving halves of merges, for {@code vigil.commands}
     * @param deadLetters commands and delivery failures for unknown incidents, for {@code
     *     vigil.dead-letter}
     */
    public record Outputs(
            DataStream<IncidentEvent> incidents,
            DataStream<Command> mergeCommands,
            DataStream<DeadLetter> deadLetters) {}

    /** The incident pipeline over the given inputs. */
    public static Outputs build(Inputs in, IncidentConfig config) {
        Objects.requireNonNull(config, "config");
        DataStream<IncidentInput> alerts =
                in.alerts()
                        .map(IncidentInput::of)
                        .returns(INPUT_TYPE)
                        .uid(ALERT_INPUT_UID)
                        .name("Alerts to incidents");
        DataStream<IncidentInput> commands =
                in.commands()
                        .map(IncidentInput::of)
                        .returns(INPUT_TYPE)
                        .uid(COMMAND_INPUT_UID)
                        .name("Commands to incidents");
        DataStream<IncidentInput> failedDeliveries =
                in.deliveries()
                        .filter(d -> d.outcome() == Delivery.Outcome.DEAD_LETTERED)
                        .map(IncidentInput::of)
                        .returns(INPUT_TYPE)
                        .uid(DELIVERY_INPUT_UID)
                        .name("Failed deliveries to incidents");
        // At the registry's own parallelism, chained to it: a rebalance here could reorder two
        // versions of one source before the broadcast.
        int registryParallelism = in.sources().getParallelism();
        DataStream<SourcePlace> places =
                in.sources()
                        .filter(RegistryUpdate::isSource)
                        .setParallelism(registryParallelism)
                        .map(SourcePlace::of)
                        .returns(PLACE_TYPE)
                        .setParallelism(registryParallelism)
                        .uid(SOURCE_PLACES_UID)
                        .name("Source places");
        SingleOutputStreamOperator<IncidentEvent> incidents =
                alerts.union(commands, failedDeliveries)
                        .keyBy(IncidentInput::sourceKey, Types.STRING)
                        .connect(places.broadcast(IncidentState.PLACES))
                        .process(new IncidentFunction(config))
                        .returns(EVENT_TYPE)
                        .uid(INCIDENTS_UID)
                        .name("Incidents");
        return new Outputs(
                incidents,
                incidents.getSideOutput(IncidentState.MERGE_COMMANDS),
                incidents.getSideOutput(IncidentState.DEAD_LETTERS));
    }

    /** Adds the whole job to {@code env} with the default incident settings. */
    public static void wire(StreamExecutionEnvironment env, JobsConfig config) {
        wire(env, config, IncidentConfig.DEFAULTS);
    }

    /**
     * Adds the whole job to {@code env}: checkpointing and parallelism from {@code config}, the
     * Kafka sources, {@link #build} and the Kafka sinks; run it with {@code env.execute(NAME)} or
     * {@link #submit}.
     */
    public static void wire(
            StreamExecutionEnvironment env, JobsConfig config, IncidentConfig incidents) {
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        env.setParallelism(config.parallelism());
        String kafka = config.bootstrapServers();
        DataStream<Alert> alerts =
                env.fromSource(
                                TopicSources.committedOrEarliest(
                                        kafka, Topics.ALERTS, ALERT_TYPE, GROUP_ID),
                                WatermarkStrategy.noWatermarks(),
                                Topics.ALERTS.name())
                        .uid(ALERTS_SOURCE_UID);
        DataStream<Command> commands =
                env.fromSource(
                                TopicSources.committedOrEarliest(
                                        kafka, Topics.COMMANDS, COMMAND_TYPE, GROUP_ID),
                                WatermarkStrategy.noWatermarks(),
                                Topics.COMMANDS.name())
                        .uid(COMMANDS_SOURCE_UID);
        DataStream<RegistryUpdate> sources =
                env.fromSource(
                                TopicSources.registry(kafka, GROUP_ID, Topics.SOURCES),
                                WatermarkStrategy.noWatermarks(),
                                Topics.SOURCES.name())
                        .setParallelism(1)
                        .uid(SOURCES_SOURCE_UID);

        DataStream<Delivery> deliveries =
                env.fromSource(
                                TopicSources.committedOrEarliest(
                                        kafka, Topics.DELIVERIES, DELIVERY_TYPE, GROUP_ID),
                                WatermarkStrategy.noWatermarks(),
                                Topics.DELIVERIES.name())
                        .uid(DELIVERIES_SOURCE_UID);

        Outputs out = build(new Inputs(alerts, commands, sources, deliveries), incidents);

        out.incidents()
                .sinkTo(TopicSources.sinkTo(kafka, Topics.INCIDENTS))
                .uid(INCIDENTS_SINK_UID)
                .name(Topics.INCIDENTS.name());
        out.mergeCommands()
                .sinkTo(TopicSources.sinkTo(kafka, Topics.COMMANDS))
                .uid(MERGE_SINK_UID)
                .name(Topics.COMMANDS.name());
        out.deadLetters()
                .sinkTo(TopicSources.sinkTo(kafka, Topics.DEAD_LETTER))
                .uid(DEAD_LETTER_SINK_UID)
                .name(Topics.DEAD_LETTER.name());
    }

    /** Wires the job on {@code env} and submits it under {@link #NAME} without waiting. */
    public static JobClient submit(
            StreamExecutionEnvironment env, JobsConfig config, IncidentConfig incidents)
            throws Exception {
        wire(env, config, incidents);
        return env.executeAsync(NAME);
    }

    /**
     * Runs the job on the cluster it is submitted to, for example {@code flink run -c
     * dev.vigil.jobs.incident.IncidentJob vigil-jobs.jar --kafka kafka:9092}; see {@link
     * JobsConfig#fromArgs} for every option.
     */
    public static void main(String[] args) throws Exception {
        JobsConfig config = JobsConfig.fromArgs(args, System.getenv());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        wire(env, config);
        env.execute(NAME);
    }
}
