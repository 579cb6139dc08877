package dev.flowdeck.core.broker;

import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.MessageBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A connection that lists scripted destinations and whose browses deliver scripted batches on demand, on the thread that asks: a run on
 * {@code Runnable::run} is then deterministic. A destination's script ends with completion unless told to fail or
 * to hang (deliver nothing more until cancelled).
 */
public final class ScriptedBrowses extends UnusedConnection {

    public enum End { COMPLETE, FAIL, HANG }

    private record Script(List<MessageBatch> batches, End end) {
    }

    private final Map<String, Script> scripts = new HashMap<>();
    public final List<BrowseRequest> requests = new ArrayList<>();
    public final List<String> cancelled = new ArrayList<>();

    private List<Destination> destinations = List.of();

    /** What {@link #listDestinations()} answers from now on. */
    public ScriptedBrowses listing(List<Destination> listed) {
        destinations = List.copyOf(listed);
        return this;
    }

    @Override
    public CompletionStage<List<Destination>> listDestinations() {
        return CompletableFuture.completedFuture(destinations);
    }

    public ScriptedBrowses script(String destination, End end, MessageBatch... batches) {
        scripts.put(destination, new Script(List.of(batches), end));
        return this;
    }

    @Override
    public Flow.Publisher<MessageBatch> browse(BrowseRequest request) {
        requests.add(request);
        Script script = scripts.get(request.destination());
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private int next;
            private boolean done;

            @Override
            public void request(long n) {
                for (long i = 0; i < n && !done; i++) {
                    if (next < script.batches().size()) {
                        subscriber.onNext(script.batches().get(next++));
                    } else {
                        end();
                    }
                }
            }

            private void end() {
                switch (script.end()) {
                    case COMPLETE -> {
                        done = true;
                        subscriber.onComplete();
                    }
                    case FAIL -> {
                        done = true;
                        subscriber.onError(new IllegalStateException("Broker went away"));
                    }
                    case HANG -> {
                    }
                }
            }

            @Override
            public void cancel() {
                done = true;
                cancelled.add(request.destination());
            }
        });
    }

}
