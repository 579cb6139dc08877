package dev.flowdeck.schemas;

import java.util.ArrayList;
import java.util.List;

/**
 * The little a {@code .proto} file's text must say for its messages to be found in a descriptor set: its package
 * and its top-level message names, in order (the wire format's message indexes count them). Not a compiler:
 * comments and string literals are skipped, braces counted.
 */
record ProtoText(String packageName, List<String> topLevelMessages) {

    static ProtoText of(String text) {
        String code = withoutCommentsAndStrings(text);
        String pkg = "";
        List<String> messages = new ArrayList<>();
        int depth = 0;
        String[] tokens = code.split("(?<=[{};])|(?=[{};])|\\s+");
        List<String> words = new ArrayList<>();
        for (String token : tokens) {
            if (!token.isBlank()) {
                words.add(token.strip());
            }
        }
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "{" -> depth++;
                case "}" -> depth--;
                case "package" -> {
                    if (depth == 0 && i + 1 < words.size()) {
                        pkg = words.get(i + 1);
                    }
                }
                case "message" -> {
                    if (depth == 0 && i + 1 < words.size()) {
                        messages.add(words.get(i + 1));
                    }
                }
                default -> {
                }
            }
        }
        return new ProtoText(pkg, List.copyOf(messages));
    }

    private static String withoutCommentsAndStrings(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                out.append("\"\"");
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
