package dev.flowdeck.core.trace;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.Capabilities;
import dev.flowdeck.core.broker.ClusterOverview;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.PartitionOffsets;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.offsets.OffsetResetPlan;
import dev.flowdeck.core.offsets.OffsetResetTarget;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A connection whose browses deliver scripted batches on demand, on the thread that asks: a run on
 * {@code Runnable::run} is then deterministic. A destination's script ends with completion unless told to fail or
 * to hang (deliver nothing more until cancelled).
 */
final class ScriptedBrowses implements BrokerConnection {

    enum End { COMPLETE, FAIL, HANG }

    private record Script(List<MessageBatch> batches, End end) {
    }

    private final Map<String, Script> scripts = new HashMap<>();
    final List<BrowseRequest> requests = new ArrayList<>();
    final List<String> cancelled = new ArrayList<>();

    ScriptedBrowses script(String destination, End end, MessageBatch... batches) {
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

    @Override
    public BrokerKind kind() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Capabilities capabilities() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<ClusterOverview> describeCluster() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<List<Destination>> listDestinations() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<List<PartitionOffsets>> partitionOffsets(String destination) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<List<ConsumerGroupLag>> consumerGroups() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<PublishReceipt> publish(OutgoingMessage message) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<OffsetResetPlan> previewOffsetReset(String group, OffsetResetTarget target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<OffsetResetPlan> resetOffsets(OffsetResetPlan plan) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
