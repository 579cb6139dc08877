package dev.flowdeck.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a long filtered scan fits a small heap when fed into what the browser keeps: {@link HeapProbe} in a
 * child JVM with {@value #MAX_HEAP}, so the figure is the browser's alone and an {@link OutOfMemoryError} cannot
 * take the harness down.
 */
final class HeapBenchmark implements Benchmark {

    static final String MAX_HEAP = "-Xmx256m";

    private static final Logger LOG = LoggerFactory.getLogger(HeapBenchmark.class);

    @Override
    public String id() {
        return "heap";
    }

    @Override
    public HeapResult run(BenchmarkContext context) throws IOException, InterruptedException {
        OrderTopic topic = context.orders(context.options().heapRecords());
        Path log = context.options().out().toAbsolutePath().getParent().resolve("heap-probe.log");
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(java, MAX_HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), HeapProbe.class.getName(), context.bootstrapServers(),
                topic.name());
        LOG.info("Heap probe: {} records of {} in a child JVM with {}; its output goes to {}", topic.records(),
                topic.name(), MAX_HEAP, log);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit;
        if (child.waitFor(40, TimeUnit.MINUTES)) {
            exit = child.exitValue();
        } else {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            exit = -1;
        }
        Map<String, String> figures = figures(log);
        boolean finished = exit == 0 && !figures.isEmpty();
        if (!finished) {
            LOG.warn("The heap probe ended with exit code {}; the end of its output:\n{}", exit, tail(log));
        }
        return new HeapResult(topic, MAX_HEAP, exit, finished, number(figures, "scanned"),
                number(figures, "matched"), number(figures, "kept"), number(figures, "notKept"),
                figures.containsKey("seconds") ? Double.parseDouble(figures.get("seconds")) : Double.NaN,
                number(figures, "poolPeakBytes"), number(figures, "maxAfterGcBytes"),
                number(figures, "baselineBytes"), number(figures, "retainedBytes"), number(figures, "gcs"),
                figures.getOrDefault("collectors", "?").replace('_', ' '), number(figures, "maxHeapBytes"));
    }

    /** The {@code name=value} pairs of the probe's result line; empty if it printed none. */
    private static Map<String, String> figures(Path log) throws IOException {
        Map<String, String> figures = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith(HeapProbe.RESULT_PREFIX + " ")) {
                for (String pair : line.substring(HeapProbe.RESULT_PREFIX.length() + 1).split(" ")) {
                    int eq = pair.indexOf('=');
                    figures.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return figures;
    }

    private static long number(Map<String, String> figures, String name) {
        return figures.containsKey(name) ? Long.parseLong(figures.get(name)) : -1;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
