package dev.vigil.ingest.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import dev.vigil.ingest.testkit.HttpFixtures;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class SafeXmlTest {

    @TempDir Path dir;

    @Test
    void readsElementsByLocalNameWhateverTheNamespace() throws Exception {
        for (String fixture :
                new String[] {
                    "fielddetection-ver20.xml",
                    "firedetection-isapi.xml",
                    "tamper-prefixed-ver10.xml",
                    "videoloss-psia.xml",
                    "anpr-plain.xml"
                }) {
            Element root = SafeXml.parse(HttpFixtures.bytes("video/hikvision/" + fixture));

            assertThat(SafeXml.localName(root)).isEqualTo("EventNotificationAlert");
            assertThat(SafeXml.text(root, "eventType")).isPresent();
        }
    }

    @Test
    void anExternalFileEntityIsRefusedAndTheFileNeverRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        byte[] xxe =
                new String(HttpFixtures.bytes("video/xxe-file.xml"), StandardCharsets.UTF_8)
                        .replace("SECRET_PATH", secret.toString())
                        .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SafeXml.parse(xxe))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> {
                            assertThat(e.problem().kind()).isEqualTo(Problem.Kind.MALFORMED);
                            assertThat(e.problem().detail())
                                    .contains("DOCTYPE is not allowed")
                                    .doesNotContain("TOP-SECRET");
                        });
    }

    @Test
    void anExternalHttpEntityIsNeverFetched() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    fetched.incrementAndGet();
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/dtd";
            byte[] viaDtd =
                    ("<?xml version=\"1.0\"?><!DOCTYPE a SYSTEM \"" + url + "\"><a/>")
                            .getBytes(StandardCharsets.UTF_8);
            byte[] viaParameterEntity =
                    ("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY % p SYSTEM \""
                                    + url
                                    + "\"> %p;]><a/>")
                            .getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> SafeXml.parse(viaDtd)).isInstanceOf(ProblemException.class);
            assertThatThrownBy(() -> SafeXml.parse(viaParameterEntity))
                    .isInstanceOf(ProblemException.class);
            assertThat(fetched).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void entityExpansionIsRefusedAtTheDoctypeBeforeAnyExpansion() {
        assertThatThrownBy(() -> SafeXml.parse(HttpFixtures.bytes("video/billion-laughs.xml")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().detail()).contains("DOCTYPE"));
    }

    @Test
    void brokenXmlSaysWhere() {
        assertThatThrownBy(
                        () ->
                                SafeXml.parse(
                                        "<EventNotificationAlert>\n<eventType>VMD</eventTyp>"
                                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> {
                            assertThat(e.problem().field()).isEqualTo("body");
                            assertThat(e.problem().detail()).startsWith("malformed XML at line 2");
                        });
        assertThatThrownBy(() -> SafeXml.parse(new byte[0])).isInstanceOf(ProblemException.class);
    }
}
