package dev.flowdeck.schemas;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiled Protobuf files: the operator's descriptor set ({@code protoc --descriptor_set_out=... --include_imports})
 * and the well-known types protobuf-java carries ({@code google/protobuf/timestamp.proto}...), so a registry's
 * serialized descriptor that imports them builds too.
 */
public final class ProtoFiles {

    private static final Map<String, FileDescriptor> WELL_KNOWN = wellKnown();

    private final Map<String, FileDescriptor> byName;

    private ProtoFiles(Map<String, FileDescriptor> byName) {
        this.byName = byName;
    }

    public static ProtoFiles wellKnownOnly() {
        return new ProtoFiles(new HashMap<>(WELL_KNOWN));
    }

    /** Reads a descriptor set file; the operator gives it where the registry serves {@code .proto} text only. */
    public static ProtoFiles read(Path descriptorSet) {
        FileDescriptorSet set;
        try {
            set = FileDescriptorSet.parseFrom(Files.readAllBytes(descriptorSet));
        } catch (InvalidProtocolBufferException e) {
            throw new SchemaProblem("The file " + descriptorSet + " is not a Protobuf descriptor set: make one with "
                    + "protoc --include_imports --descriptor_set_out=" + descriptorSet.getFileName() + ".", e);
        } catch (IOException e) {
            throw new SchemaProblem("The descriptor set " + descriptorSet + " could not be read (" + e.getMessage()
                    + "): check the path in the profile.", e);
        }
        Map<String, FileDescriptorProto> protos = new HashMap<>();
        set.getFileList().forEach(file -> protos.put(file.getName(), file));
        Map<String, FileDescriptor> built = new HashMap<>(WELL_KNOWN);
        for (FileDescriptorProto file : set.getFileList()) {
            build(file.getName(), protos, built, descriptorSet);
        }
        return new ProtoFiles(built);
    }

    /** A file from the registry's serialized descriptor, its imports found among these files. */
    FileDescriptor build(FileDescriptorProto file, int schemaId) {
        return build(file, schemaId, Map.of());
    }

    /**
     * A file from the registry's serialized descriptor, its imports found first among {@code referenced} (the
     * registry's references, by import name), then among these files.
     */
    FileDescriptor build(FileDescriptorProto file, int schemaId, Map<String, FileDescriptor> referenced) {
        List<FileDescriptor> dependencies = new ArrayList<>();
        for (String name : file.getDependencyList()) {
            FileDescriptor dependency = referenced.getOrDefault(name, byName.get(name));
            if (dependency == null) {
                throw new SchemaProblem("Protobuf schema " + schemaId + " imports " + name + ", which the registry "
                        + "does not serve as a reference and Flowdeck does not have: give a descriptor set that "
                        + "includes it (protoc --include_imports).");
            }
            dependencies.add(dependency);
        }
        try {
            return FileDescriptor.buildFrom(file, dependencies.toArray(FileDescriptor[]::new));
        } catch (DescriptorValidationException e) {
            throw new SchemaProblem("Protobuf schema " + schemaId + " does not build (" + e.getMessage() + ").", e);
        }
    }

    /** The message of that full name ({@code shop.Payment}) in any of these files. */
    Optional<Descriptor> message(String fullName) {
        for (FileDescriptor file : byName.values()) {
            Descriptor found = file.findMessageTypeByName(
                    file.getPackage().isEmpty() ? fullName : stripPackage(fullName, file.getPackage()));
            if (found != null && found.getFullName().equals(fullName)) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static String stripPackage(String fullName, String pkg) {
        return fullName.startsWith(pkg + ".") ? fullName.substring(pkg.length() + 1) : fullName;
    }

    private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos,
                                        Map<String, FileDescriptor> built, Path from) {
        FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            throw new SchemaProblem("The descriptor set " + from + " lacks " + name + ", which another of its files "
                    + "imports: make it again with protoc --include_imports.");
        }
        List<FileDescriptor> dependencies = new ArrayList<>();
        for (String dependency : proto.getDependencyList()) {
            dependencies.add(build(dependency, protos, built, from));
        }
        try {
            FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies.toArray(FileDescriptor[]::new));
            built.put(name, file);
            return file;
        } catch (DescriptorValidationException e) {
            throw new SchemaProblem("The descriptor set " + from + " does not build (" + e.getMessage() + ").", e);
        }
    }

    private static Map<String, FileDescriptor> wellKnown() {
        Map<String, FileDescriptor> known = new HashMap<>();
        for (FileDescriptor file : List.of(com.google.protobuf.TimestampProto.getDescriptor(),
                com.google.protobuf.DurationProto.getDescriptor(), com.google.protobuf.WrappersProto.getDescriptor(),
                com.google.protobuf.StructProto.getDescriptor(), com.google.protobuf.EmptyProto.getDescriptor(),
                com.google.protobuf.AnyProto.getDescriptor(), com.google.protobuf.FieldMaskProto.getDescriptor())) {
            known.put(file.getName(), file);
        }
        return Map.copyOf(known);
    }
}
