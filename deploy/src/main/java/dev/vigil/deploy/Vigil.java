package dev.vigil.deploy;

import dev.vigil.deploy.config.ConfigException;
import dev.vigil.deploy.config.Setting;
import dev.vigil.deploy.config.Settings;
import dev.vigil.deploy.config.VigilConfig;
import dev.vigil.embedded.MissingToolException;
import dev.vigil.embedded.PortInUseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Entry point of {@code deploy/vigil}: parses the subcommand and runs it. */
public final class Vigil {
    private Vigil() {}

    public static void main(String[] args) {
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        String command = rest.isEmpty() ? "" : rest.pop();
        try {
            switch (command) {
                case "up" -> up(rest);
                case "setting" -> setting(rest);
                default -> {
                    System.err.println("vigil: unknown command '" + command + "'");
                    System.exit(2);
                }
            }
        } catch (ConfigException | MissingToolException | PortInUseException e) {
            System.err.println("vigil: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * {@code setting KEY [--repo DIR] [--config FILE]}: prints the value {@code up} would use for
     * one setting (file, then environment), so the launcher script can decide what to install.
     */
    private static void setting(Deque<String> args) {
        if (args.isEmpty()) {
            throw new ConfigException("setting: name a key, e.g. influxdb.url");
        }
        String key = args.pop();
        VigilConfig config = config("setting", args);
        Setting<?> setting =
                Settings.all().stream()
                        .filter(s -> s.key().equals(key))
                        .findFirst()
                        .orElseThrow(
                                () -> new ConfigException("setting: unknown key '" + key + "'"));
        System.out.println(config.get(setting));
    }

    private static void up(Deque<String> args) {
        VigilConfig config = config("up", args);
        EmbeddedStack stack = new EmbeddedStack(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    System.out.println("vigil: stopping...");
                                    stack.close();
                                    System.out.println("vigil: stopped");
                                    stopped.countDown();
                                },
                                "vigil-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("vigil: start-up failed: " + e.getMessage());
            System.exit(1);
        }
        System.out.println(stack.banner());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The settings of {@code --config FILE}, else {@code vigil.yaml} here or in {@code --repo}. */
    private static VigilConfig config(String command, Deque<String> args) {
        Path repo = null;
        Path configFile = null;
        while (!args.isEmpty()) {
            String arg = args.pop();
            switch (arg) {
                case "--repo" -> repo = Path.of(requireValue(arg, args));
                case "--config" -> configFile = Path.of(requireValue(arg, args));
                default ->
                        throw new ConfigException(
                                command
                                        + ": unknown option '"
                                        + arg
                                        + "' (see deploy/vigil "
                                        + command
                                        + " --help)");
            }
        }
        if (configFile == null) {
            configFile =
                    Files.exists(Path.of("vigil.yaml")) || repo == null
                            ? Path.of("vigil.yaml")
                            : repo.resolve("vigil.yaml");
        } else if (!Files.exists(configFile)) {
            throw new ConfigException(configFile + ": no such settings file");
        }
        return VigilConfig.load(configFile, System.getenv());
    }

    private static String requireValue(String option, Deque<String> args) {
        if (args.isEmpty()) {
            throw new ConfigException(option + " needs a value");
        }
        return args.pop();
    }
}
