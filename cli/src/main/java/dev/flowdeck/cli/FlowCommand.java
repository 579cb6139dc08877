package dev.flowdeck.cli;

import dev.flowdeck.core.trace.ChainIndex;
import dev.flowdeck.core.trace.FlowGraph;
import dev.flowdeck.core.trace.IndexOutcome;
import java.io.PrintStream;
import picocli.CommandLine.Command;

/**
 * {@code flowdeck flow}: which destination follows which, learned from the chains of the window (as the desktop's
 * flow map learns it), with hop counts and latencies.
 */
@Command(name = "flow", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Which topic or queue follows which, learned from the traced chains of the window: every "
                + "edge with how many hops took it and their p50 and p95 latency.",
            "Reads the topics or queues of the window once, from --since (default: the last hour); changes nothing."})
final class FlowCommand extends IndexCommand {

    FlowCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    int report(ChainIndex filled, IndexOutcome outcome, PrintStream out) {
        FlowGraph graph = filled.flowGraph();
        if (graph.edges().isEmpty()) {
            environment().err().printf("No hop between two events of one transaction among the %,d events indexed "
                    + "from %,d messages.%n", outcome.indexed(), outcome.scanned());
            return ExitCodes.NOTHING_FOUND;
        }
        var report = new FlowReport(graph);
        out.print(format == Format.JSON ? report.json() + "\n" : report.table());
        return ExitCodes.OK;
    }
}
