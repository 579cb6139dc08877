package dev.flowdeck.cli;

import dev.flowdeck.core.mask.MaskedChains;
import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainIndex;
import dev.flowdeck.core.trace.IndexOutcome;
import java.io.PrintStream;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code flowdeck trace}: what happened to one transaction. Indexes the window with the desktop's indexer, then
 * prints the chain of the trace id or key asked for, each hop with its latency and dead-letter reason, and where
 * it stopped short of the flow most chains take.
 */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"What happened to one transaction: the events of its trace (W3C or B3 trace context) or of "
                + "its correlation key, in time order, with each hop's latency, dead-letter reasons, and where it "
                + "stopped short of the flow most transactions take.",
            "Reads the topics or queues of the window once, from --since (default: the last hour); changes nothing."})
final class TraceCommand extends IndexCommand {

    @Parameters(index = "0", paramLabel = "TRACE_ID_OR_KEY",
            description = "A trace id (32 hex digits) or a correlation key's value, e.g. an order id.")
    String asked;

    TraceCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    int report(ChainIndex filled, IndexOutcome outcome, PrintStream out) {
        Optional<Chain> chain = find(filled, asked.strip());
        if (chain.isEmpty()) {
            environment().err().printf("No event of trace or key '%s' among the %,d events indexed from %,d "
                    + "messages.%n", asked, outcome.indexed(), outcome.scanned());
            return ExitCodes.NOTHING_FOUND;
        }
        // Found by the raw index; printed with its trace id and reasons as the profile's header rules show them.
        var report = new ChainReport(asked, MaskedChains.apply(masking(), chain.get()),
                filled.flowGraph().stopOf(chain.get(), filled.newest()));
        out.print(format == Format.JSON ? report.json() + "\n" : report.table());
        return ExitCodes.OK;
    }

    /** A trace id first (what an operator copies from a tracing UI); else, or if no trace has it, a key. */
    static Optional<Chain> find(ChainIndex index, String asked) {
        return index.byTraceId(asked).or(() -> index.byKey(asked));
    }
}
