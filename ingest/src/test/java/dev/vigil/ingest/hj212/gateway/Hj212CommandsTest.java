package dev.vigil.ingest.hj212.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Hj212CommandsTest {

    @Test
    void sortsTheStandardsCommands() {
        for (String upload :
                new String[] {
                    "2011", "2021", "2031", "2041", "2051", "2061", "2071", "2072", "2081", "2013",
                    "2052", "2062", "2111", "2073", "3020"
                }) {
            assertThat(Hj212Commands.of(upload)).as(upload).isEqualTo(Hj212Commands.UPLOAD);
        }
        assertThat(Hj212Commands.of("8013")).isEqualTo(Hj212Commands.HEARTBEAT);
        assertThat(Hj212Commands.of("9015")).isEqualTo(Hj212Commands.HEARTBEAT);
        assertThat(Hj212Commands.of("1013")).isEqualTo(Hj212Commands.TIME_REQUEST);
        assertThat(Hj212Commands.of("9011")).isEqualTo(Hj212Commands.INTERACTION);
        assertThat(Hj212Commands.of("2012")).isEqualTo(Hj212Commands.OTHER);
        assertThat(Hj212Commands.of("1011")).isEqualTo(Hj212Commands.OTHER);
        assertThat(Hj212Commands.of("2O11")).isEqualTo(Hj212Commands.OTHER);
    }
}
