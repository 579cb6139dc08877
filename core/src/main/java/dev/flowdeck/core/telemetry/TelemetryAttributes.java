package dev.flowdeck.core.telemetry;

import dev.flowdeck.core.broker.BrokerKind;
import io.opentelemetry.api.common.AttributeKey;

/**
 * The attributes of Flowdeck's own spans. The messaging ones carry OpenTelemetry's semantic-convention names, so a
 * tracing backend groups Flowdeck's scans and replays with the services' own messaging spans; the counts are
 * Flowdeck's and say so in their prefix. Written out here rather than taken from the semconv artifact: core may see
 * the API and the propagators only, and these few names are stable.
 */
public final class TelemetryAttributes {

    /** The instrumentation scope of every Flowdeck span. */
    public static final String SCOPE = "dev.flowdeck";

    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    public static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    public static final AttributeKey<Long> PARTITION =
            AttributeKey.longKey("messaging.destination.partition.id");

    public static final AttributeKey<Long> SCANNED = AttributeKey.longKey("flowdeck.scan.scanned");
    public static final AttributeKey<Long> MATCHED = AttributeKey.longKey("flowdeck.scan.matched");
    /** How a piece of work ended: {@code completed}, {@code cancelled} or {@code failed} (and a replay's own). */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("flowdeck.outcome");

    private TelemetryAttributes() {
    }

    /** The {@code messaging.system} value: {@code kafka} or {@code rabbitmq}, as the conventions spell them. */
    public static String system(BrokerKind kind) {
        return switch (kind) {
            case KAFKA -> "kafka";
            case RABBITMQ -> "rabbitmq";
        };
    }
}
