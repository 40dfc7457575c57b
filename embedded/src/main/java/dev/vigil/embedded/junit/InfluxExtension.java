package dev.vigil.embedded.junit;

import dev.vigil.embedded.InfluxServer;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts influxd on free ports with a temporary data folder and a fresh database per test class,
 * and stops it afterwards; register it on a static field with {@code @RegisterExtension}.
 */
public final class InfluxExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private ScratchDirectory dataDir;
    private InfluxServer server;
    private String database;

    @Override
    public void beforeAll(ExtensionContext context) {
        dataDir = ScratchDirectory.create("vigil-influxdb-");
        server = InfluxServer.builder(dataDir.path()).build().start();
        database = databaseName(context.getRequiredTestClass());
        server.createDatabase(database);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionSupport.requireStarted(server, "InfluxExtension");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        InfluxServer stopping = server;
        server = null;
        ExtensionSupport.closeAll(stopping, dataDir);
    }

    /** The HTTP base address of influxd, for example {@code http://127.0.0.1:40124}. */
    public String url() {
        return server().url();
    }

    /** The database created for this test class. */
    public String database() {
        ExtensionSupport.requireStarted(server, "InfluxExtension");
        return database;
    }

    /** The running server, for writes and queries. */
    public InfluxServer server() {
        return ExtensionSupport.requireStarted(server, "InfluxExtension");
    }

    static String databaseName(Class<?> testClass) {
        return "test_"
                + testClass
                        .getSimpleName()
                        .replaceAll("[^A-Za-z0-9]", "_")
                        .toLowerCase(Locale.ROOT);
    }
}
