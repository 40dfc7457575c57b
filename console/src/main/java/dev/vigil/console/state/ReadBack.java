package dev.vigil.console.state;

import dev.vigil.console.kafka.Publisher;
import java.time.Duration;

/**
 * Lets a writer wait until the console's projection has read back a record the console wrote, so
 * that it learns what every console decided about it (the projection reads each topic in the same
 * order on every console).
 */
public interface ReadBack {

    /**
     * Waits until the projection has applied the record at {@code written} (or skipped it as
     * unreadable).
     *
     * @return false when it had not within {@code timeout}
     */
    boolean awaitRead(Publisher.Written written, Duration timeout) throws InterruptedException;
}
