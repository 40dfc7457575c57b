package dev.vigil.jobs.readings;

import dev.vigil.events.report.Report;
import java.util.Objects;

/**
 * A report with the source and outlet its device belongs to, as the readings job's resolver hands
 * it to the point conversion.
 *
 * @param report the report as decoded
 * @param where its device's source and outlet, or its MN when the registry does not know it
 */
public record ResolvedReport(Report report, SourceOutlet where) {

    public ResolvedReport {
        Objects.requireNonNull(report, "report is required");
        Objects.requireNonNull(where, "where is required");
    }
}
