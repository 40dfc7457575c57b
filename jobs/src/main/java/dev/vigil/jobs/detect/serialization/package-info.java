/**
 * Hand-written Flink serializers for the records the detection job sends between its operators most
 * often (reports, readings, judged values) and for the state it writes at every checkpoint (series,
 * the broadcast registry): Flink's POJO serializer reads every record field by reflection and
 * writes strings a character at a time, which the detect benchmark's profiles showed as the job's
 * largest cost and as half of its checkpoints'.
 */
package dev.vigil.jobs.detect.serialization;
