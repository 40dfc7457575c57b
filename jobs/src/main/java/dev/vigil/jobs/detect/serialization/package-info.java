/**
 * Hand-written Flink serializers for the records the detection job sends between its operators most
 * often (reports, readings, judged values): Flink's POJO serializer reads every record field by
 * reflection and writes strings a character at a time, which the detect benchmark's profile showed
 * as the job's largest cost.
 */
package dev.vigil.jobs.detect.serialization;
