package dev.vigil.console;

import java.time.Duration;

/** The console's settings: where it listens and how long a health check may take. */
public record ConsoleConfig(String bindAddress, int port, Duration healthDeadline) {}
