package dev.flowdeck.sandbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of the sandbox broker's child JVM: formats the KRaft storage, then runs the broker until it is
 * told to stop. Formatting in the same JVM as the broker saves a JVM start (about 1.5 s here).
 *
 * <p>The child watches its parent: if the app dies without stopping the sandbox (killed, crashed), the broker
 * deletes its data directory and exits, so no orphan broker keeps a port and disk space.
 *
 * <p>Arguments: {@code <server.properties> <cluster id> <parent pid> <data dir> [more format arguments]}.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            throw new IllegalArgumentException(
                    "usage: BrokerMain <server.properties> <cluster id> <parent pid> <data dir> [format args...]");
        }
        String config = args[0];
        String clusterId = args[1];
        long parentPid = Long.parseLong(args[2]);
        Path dataDir = Path.of(args[3]);
        exitWhenParentDies(parentPid, dataDir);

        PrintStream out = System.out;
        List<String> format = new ArrayList<>(List.of("format", "-t", clusterId, "-c", config));
        format.addAll(Arrays.asList(args).subList(4, args.length)); // e.g. --add-scram for a secured broker
        int formatted = kafka.tools.StorageTool.execute(format.toArray(String[]::new), out);
        if (formatted != 0) {
            out.println("Formatting the sandbox broker's storage failed with exit code " + formatted);
            System.exit(formatted);
        }
        kafka.Kafka.main(new String[] {config});
    }

    private static void exitWhenParentDies(long parentPid, Path dataDir) {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    LocalResources.deleteQuietly(dataDir);
                    Runtime.getRuntime().halt(0);
                }),
                () -> Runtime.getRuntime().halt(0));
    }
}
