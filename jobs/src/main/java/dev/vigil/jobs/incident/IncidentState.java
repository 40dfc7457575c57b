package dev.vigil.jobs.incident;

import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.incident.Command;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;

/** The incident job's state descriptors and output tags, shared by the job and its tests. */
public final class IncidentState {

    private IncidentState() {}

    /**
     * Broadcast: per source id, the text its incidents open with ({@link SourcePlace#where}); plain
     * strings, so a checkpoint of a large registry costs little in every parallel instance.
     */
    public static final MapStateDescriptor<String, String> PLACES =
            new MapStateDescriptor<>("incident-source-places", Types.STRING, Types.STRING);

    /** Per source: its incidents by id, open ones and closed ones within their retention. */
    public static final MapStateDescriptor<String, Incident> INCIDENTS =
            new MapStateDescriptor<>("incidents", Types.STRING, TypeInformation.of(Incident.class));

    /** Per source: until when it is silenced (epoch millis, processing time). */
    public static final ValueStateDescriptor<Long> SILENCED_UNTIL =
            new ValueStateDescriptor<>("silenced-until", Types.LONG);

    /** The receiving halves of merges, to publish on {@code vigil.commands} under the target. */
    public static final OutputTag<Command> MERGE_COMMANDS =
            new OutputTag<>("merge-commands", TypeInformation.of(Command.class));

    /** Commands for incidents the job does not know (never opened, or purged after closing). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("incident-dead-letters", TypeInformation.of(DeadLetter.class));
}
