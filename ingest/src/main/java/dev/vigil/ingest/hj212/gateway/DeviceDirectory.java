package dev.vigil.ingest.hj212.gateway;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Looks up a data logger by its MN in the source registry, so the gateway can check that a frame
 * comes from a registered device with the right password; lookups are in memory and thread-safe.
 *
 * <p>An entry is replaced by a new instance whenever its source changes, so a caller that cached a
 * verification can tell by identity whether it still holds.
 */
public interface DeviceDirectory {

    /** The device registered under this MN, retired ones included; empty when unknown. */
    Optional<RegisteredDevice> find(String mn);

    /**
     * A number that changes after any entry was added, replaced or removed. Read before a {@link
     * #find}: while it has not changed, what that find returned is still the current entry, so a
     * caller that cached a verification can skip the look-up (per frame, on a directory of
     * thousands of devices, that look-up is a cache miss or two).
     */
    long version();

    /**
     * Completes once the directory has read the registry as it was at start (before that, an MN may
     * be missing only because it has not been read yet).
     */
    CompletionStage<Void> whenReady();
}
