package dev.vigil.events.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Samples;
import org.junit.jupiter.api.Test;

class ComplaintContactTest {

    @Test
    void toStringKeepsPersonalDetailsOutOfLogs() {
        ComplaintContact contact = Samples.fullComplaintContact();

        assertThat(contact.toString())
                .contains(contact.complaintId())
                .doesNotContain(contact.name(), contact.phone(), contact.email());
    }

    @Test
    void complaintCarriesNoContactDetails() {
        assertThat(Complaint.class.getRecordComponents())
                .extracting(c -> c.getName())
                .doesNotContain("name", "phone", "email", "contact", "reporter");
    }
}
