package dev.flowdeck.schemas;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        return of(registered, files, Map.of());
    }

    /** @param referenced the files the registry's references give, by the import names the schema uses */
    static ProtobufReading of(RegisteredSchema registered, ProtoFiles files,
                              Map<String, FileDescriptor> referenced) {
        if (registered.descriptor() != null) {
            FileDescriptor file = files.build(descriptorOf(registered), registered.id(), referenced);
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

    static FileDescriptorProto descriptorOf(RegisteredSchema registered) {
        try {
            return FileDescriptorProto.parseFrom(registered.descriptor());
        } catch (InvalidProtocolBufferException e) {
            throw new SchemaProblem("Protobuf schema " + registered.id() + " from the registry does not parse as "
                    + "a descriptor (" + e.getMessage() + ").", e);
        }
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
        return read(value, offset).json();
    }

    @Override
    public Read read(byte[] value, int offset) {
        CodedInputStream in = CodedInputStream.newInstance(value, offset, value.length - offset);
        DynamicMessage message;
        Descriptor type;
        try {
            type = messageAt(readIndexes(in));
            message = DynamicMessage.parseFrom(type, in);
        } catch (InvalidProtocolBufferException e) {
            throw new SchemaProblem("The value does not match Protobuf schema " + registered.id() + " ("
                    + e.getMessage() + "): it is cut short or was written with another schema.", e);
        } catch (IOException e) {
            throw new SchemaProblem("The value could not be read as Protobuf schema " + registered.id() + ".", e);
        }
        return new Read(print(message, registered.id()), undeclared(message, registered.id()), type.getFullName());
    }

    /** A value written without the registry's frame, read as the message type the topic's format names. */
    static Read readUnframed(Descriptor type, byte[] value) {
        DynamicMessage message;
        try {
            message = DynamicMessage.parseFrom(type, value);
        } catch (InvalidProtocolBufferException e) {
            throw new SchemaProblem("The value is not a Protobuf " + type.getFullName() + " (" + e.getMessage()
                    + "): check the message type in the topic's format.", e);
        }
        return new Read(print(message, -1), undeclared(message, -1));
    }

    private static byte[] print(DynamicMessage message, int schemaId) {
        try {
            return JSON.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new SchemaProblem("The Protobuf value" + (schemaId < 0 ? "" : " of schema " + schemaId)
                    + " could not be shown as JSON (" + e.getMessage() + ").", e);
        }
    }

    /**
     * Field numbers the value carries that its message type does not declare: Protobuf reads them without a word
     * (they may be a newer writer's fields), so they are the plain sign of bytes written with another schema.
     */
    private static String undeclared(Message message, int schemaId) {
        List<String> found = new ArrayList<>();
        collectUndeclared(message, message.getDescriptorForType().getName(), found);
        if (found.isEmpty()) {
            return null;
        }
        return "it carries field" + (found.size() == 1 ? " " : "s ") + String.join(", ", found) + " that "
                + (schemaId < 0 ? "the message type" : "schema " + schemaId) + " does not declare (written with "
                + "another or a newer schema?).";
    }

    private static void collectUndeclared(Message message, String path, List<String> found) {
        message.getUnknownFields().asMap().keySet().forEach(number -> found.add(path + " #" + number));
        message.getAllFields().forEach((field, value) -> {
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                return;
            }
            if (value instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof Message nested) {
                        collectUndeclared(nested, path + "." + field.getName(), found);
                    }
                }
            } else if (value instanceof Message nested) {
                collectUndeclared(nested, path + "." + field.getName(), found);
            }
        });
    }

    @Override
    public byte[] payloadFromJson(byte[] json, String messageType) {
        Descriptor type = messageType == null || messageType.isBlank() ? onlyMessage() : find(messageType.strip());
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        try {
            JsonFormat.parser().merge(new String(json, StandardCharsets.UTF_8), builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new SchemaProblem("The value does not fit Protobuf " + type.getFullName() + " of schema "
                    + registered.id() + " (" + e.getMessage() + ").", e);
        }
        var out = new ByteArrayOutputStream();
        try {
            CodedOutputStream coded = CodedOutputStream.newInstance(out);
            List<Integer> indexes = indexesOf(type);
            if (indexes.equals(List.of(0))) {
                coded.writeSInt32NoTag(0); // the common case, as serializers write it: one zero byte
            } else {
                coded.writeSInt32NoTag(indexes.size());
                for (int index : indexes) {
                    coded.writeSInt32NoTag(index);
                }
            }
            builder.build().writeTo(coded);
            coded.flush();
        } catch (IOException e) {
            throw new SchemaProblem("The Protobuf value could not be written (" + e.getMessage() + ").", e);
        }
        return out.toByteArray();
    }

    /**
     * The message a value is written as when none is named: only a schema of one top-level message has an answer.
     * Messages of one schema often take the same JSON (an order and a return with the same fields), and the wrong
     * message indexes would make every reader see the wrong type, so Flowdeck never picks one for the operator.
     */
    private Descriptor onlyMessage() {
        if (topLevel.size() == 1) {
            return topLevel.getFirst();
        }
        throw new SchemaProblem("Protobuf schema " + registered.id() + " declares " + topLevel.size()
                + " messages (" + String.join(", ", topLevel.stream().map(Descriptor::getFullName).toList())
                + "): name the message type the value is written as; Flowdeck does not guess it.");
    }

    /**
     * A message of this schema by full name ({@code shop.Order.Line}), or by simple name ({@code Refund}) where no
     * other message of the schema has that name.
     */
    private Descriptor find(String name) {
        List<Descriptor> all = new ArrayList<>();
        topLevel.forEach(type -> collect(type, all));
        for (Descriptor type : all) {
            if (type.getFullName().equals(name)) {
                return type;
            }
        }
        List<Descriptor> named = all.stream().filter(type -> type.getName().equals(name)).toList();
        if (named.size() == 1) {
            return named.getFirst();
        }
        List<String> names = (named.isEmpty() ? all : named).stream().map(Descriptor::getFullName).toList();
        throw new SchemaProblem(named.isEmpty()
                ? "Protobuf schema " + registered.id() + " has no message " + name + "; it has " + names + "."
                : "Protobuf schema " + registered.id() + " has " + named.size() + " messages called " + name + " ("
                + String.join(", ", names) + "): name one by its full name.");
    }

    private static void collect(Descriptor type, List<Descriptor> into) {
        into.add(type);
        type.getNestedTypes().forEach(nested -> collect(nested, into));
    }

    /** Where the type sits in the schema: its index among the file's messages, then among each parent's nested. */
    private List<Integer> indexesOf(Descriptor type) {
        List<Integer> path = new ArrayList<>();
        Descriptor at = type;
        while (at.getContainingType() != null) {
            path.addFirst(at.getIndex());
            at = at.getContainingType();
        }
        path.addFirst(topLevel.indexOf(at));
        return path;
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
