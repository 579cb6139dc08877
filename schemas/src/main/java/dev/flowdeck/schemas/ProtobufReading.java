package dev.flowdeck.schemas;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Protobuf schema from the registry. The frame's payload starts with the message indexes (which message of the
 * file: a zigzag varint count, then that many indexes; a single 0 for the file's first message), then the message.
 * The file comes from the registry's serialized descriptor where it serves one, else the {@code .proto} text's
 * package and message names are looked up in the operator's descriptor set.
 */
final class ProtobufReading implements SchemaReading {

    /** Proto field names as the schema says them, zero values shown: what an operator writes a JSONPath against. */
    private static final JsonFormat.Printer JSON = JsonFormat.printer().preservingProtoFieldNames()
            .alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();

    private final RegisteredSchema registered;
    private final FileDescriptor file;
    private final List<Descriptor> topLevel;

    private ProtobufReading(RegisteredSchema registered, FileDescriptor file, List<Descriptor> topLevel) {
        this.registered = registered;
        this.file = file;
        this.topLevel = topLevel;
    }

    static ProtobufReading of(RegisteredSchema registered, ProtoFiles files) {
        if (registered.descriptor() != null) {
            FileDescriptorProto proto;
            try {
                proto = FileDescriptorProto.parseFrom(registered.descriptor());
            } catch (InvalidProtocolBufferException e) {
                throw new SchemaProblem("Protobuf schema " + registered.id() + " from the registry does not parse as "
                        + "a descriptor (" + e.getMessage() + ").", e);
            }
            FileDescriptor file = files.build(proto, registered.id());
            return new ProtobufReading(registered, file, file.getMessageTypes());
        }
        List<Descriptor> topLevel = new ArrayList<>();
        ProtoText text = ProtoText.of(registered.text());
        for (String name : text.topLevelMessages()) {
            String fullName = text.packageName().isEmpty() ? name : text.packageName() + "." + name;
            topLevel.add(files.message(fullName).orElseThrow(() -> new SchemaProblem("Protobuf schema "
                    + registered.id() + " names message " + fullName + ", which is not in the profile's descriptor "
                    + "set: this registry serves .proto text only, so give a descriptor set that has it "
                    + "(flowdeck.schema.protobuf.descriptors).")));
        }
        if (topLevel.isEmpty()) {
            throw new SchemaProblem("Protobuf schema " + registered.id() + " from the registry declares no message.");
        }
        return new ProtobufReading(registered, null, topLevel);
    }

    @Override
    public String format() {
        return "Protobuf";
    }

    @Override
    public RegisteredSchema registered() {
        return registered;
    }

    /** The file as the registry serialized it; null where the descriptor set gave the messages. */
    FileDescriptor file() {
        return file;
    }

    @Override
    public byte[] toJson(byte[] value, int offset) {
        CodedInputStream in = CodedInputStream.newInstance(value, offset, value.length - offset);
        Descriptor type;
        DynamicMessage message;
        try {
            type = messageAt(readIndexes(in));
            message = DynamicMessage.parseFrom(type, in);
        } catch (InvalidProtocolBufferException e) {
            throw new SchemaProblem("The value does not match Protobuf schema " + registered.id() + " ("
                    + e.getMessage() + "): it is cut short or was written with another schema.", e);
        } catch (IOException e) {
            throw new SchemaProblem("The value could not be read as Protobuf schema " + registered.id() + ".", e);
        }
        try {
            return JSON.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new SchemaProblem("The Protobuf value of schema " + registered.id() + " could not be shown as JSON ("
                    + e.getMessage() + ").", e);
        }
    }

    private static List<Integer> readIndexes(CodedInputStream in) throws IOException {
        int count = in.readSInt32();
        if (count == 0) {
            return List.of(0); // the common case, written as one byte: the file's first message
        }
        if (count < 0 || count > 100) {
            throw new InvalidProtocolBufferException("a message-index list of " + count + " entries");
        }
        List<Integer> indexes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            indexes.add(in.readSInt32());
        }
        return indexes;
    }

    private Descriptor messageAt(List<Integer> indexes) throws InvalidProtocolBufferException {
        List<Descriptor> level = topLevel;
        Descriptor type = null;
        for (int index : indexes) {
            if (index < 0 || index >= level.size()) {
                throw new InvalidProtocolBufferException("message index " + indexes + " names no message of the "
                        + "schema");
            }
            type = level.get(index);
            level = type.getNestedTypes();
        }
        return type;
    }
}
