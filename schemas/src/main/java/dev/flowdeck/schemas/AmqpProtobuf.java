package dev.flowdeck.schemas;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.decode.ContentDecoding;
import dev.flowdeck.core.decode.DecodedValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Protobuf values of RabbitMQ messages ({@code content_type application/x-protobuf}), which carry no registry
 * frame: the message type is named by the content type's {@code messageType} parameter or the AMQP {@code type}
 * property, and looked up in the profile's descriptor set ({@code flowdeck.schema.protobuf.descriptors}). The set
 * is read once, on the first such value; a set that cannot be read is a sentence on every such value.
 */
public final class AmqpProtobuf implements ContentDecoding.ProtobufReader {

    private static final JsonFormat.Printer JSON = JsonFormat.printer().preservingProtoFieldNames()
            .alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();

    private final Path descriptorSet;
    private volatile ProtoFiles files;
    private volatile String unreadable;

    private AmqpProtobuf(Path descriptorSet) {
        this.descriptorSet = descriptorSet;
    }

    /** How a RabbitMQ profile's values are read: with its descriptor set where it names one. */
    public static ContentDecoding forProfile(ConnectionProfile profile) {
        Optional<Path> set = SchemaSettings.of(profile).descriptorSet();
        return set.isEmpty() ? ContentDecoding.PLAIN : new ContentDecoding(new AmqpProtobuf(set.get()));
    }

    @Override
    public DecodedValue read(String messageType, byte[] bytes) {
        if (messageType.isEmpty()) {
            return DecodedValue.failed("Protobuf", -1, "The message does not name its Protobuf type: publish it with "
                    + "content type application/x-protobuf; messageType=<package.Message>, or the type property.");
        }
        ProtoFiles known = files();
        if (known == null) {
            return DecodedValue.failed("Protobuf", -1, unreadable);
        }
        Optional<Descriptor> type = known.message(messageType);
        if (type.isEmpty()) {
            return DecodedValue.failed("Protobuf", -1, "The descriptor set " + descriptorSet + " has no message "
                    + messageType + ": build it again with that message's .proto file.");
        }
        try {
            byte[] json = JSON.print(DynamicMessage.parseFrom(type.get(), bytes)).getBytes(StandardCharsets.UTF_8);
            return DecodedValue.read("Protobuf", -1, messageType, "", json);
        } catch (InvalidProtocolBufferException e) {
            return DecodedValue.failed("Protobuf", -1, "The value is not a " + messageType + " (" + e.getMessage()
                    + "): it was cut short or written as another message.");
        }
    }

    private ProtoFiles files() {
        if (files == null && unreadable == null) {
            synchronized (this) {
                if (files == null && unreadable == null) {
                    try {
                        files = ProtoFiles.read(descriptorSet);
                    } catch (SchemaProblem problem) {
                        unreadable = problem.getMessage();
                    }
                }
            }
        }
        return files;
    }
}
