package dev.flowdeck.cli;

import dev.flowdeck.core.lag.ConsumerGroupLag;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The consumer groups a lag command is about: every group, or those --group names. A name may be a glob ({@code *}
 * any characters, {@code ?} one), so {@code payment-*} follows groups that come and go; a name without either must
 * exist, since a typo in it would otherwise watch nothing and say nothing.
 */
final class GroupSelection {

    private final List<String> names;
    private final List<Pattern> patterns;

    private GroupSelection(List<String> names) {
        this.names = List.copyOf(names);
        this.patterns = names.stream().map(GroupSelection::pattern).toList();
    }

    static GroupSelection everyGroup() {
        return new GroupSelection(List.of());
    }

    /**
     * @throws UsageException for a blank name
     */
    static GroupSelection of(List<String> names) {
        for (String name : names) {
            if (name.isBlank()) {
                throw new UsageException("--group needs a group's name (or a pattern such as 'payment-*').");
            }
        }
        return new GroupSelection(names);
    }

    boolean isEveryGroup() {
        return names.isEmpty();
    }

    /** The groups selected, in the order given. */
    List<ConsumerGroupLag> select(List<ConsumerGroupLag> groups) {
        if (isEveryGroup()) {
            return groups;
        }
        return groups.stream().filter(group -> patterns.stream().anyMatch(p -> p.matcher(group.group()).matches()))
                .toList();
    }

    /**
     * What the cluster lacks, one sentence per name: a group named exactly that does not exist, or no group matches
     * the pattern. Empty when every name found its group.
     */
    List<String> missing(List<ConsumerGroupLag> groups, String address) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Pattern pattern = patterns.get(i);
            if (groups.stream().noneMatch(group -> pattern.matcher(group.group()).matches())) {
                String name = names.get(i);
                missing.add(isGlob(name) ? "No consumer group on " + address + " matches '" + name + "'."
                        : "Consumer group '" + name + "' does not exist on " + address + ".");
            }
        }
        return missing;
    }

    static boolean isGlob(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0;
    }

    /** A glob as a regular expression: everything literal but {@code *} and {@code ?}. */
    private static Pattern pattern(String glob) {
        var regex = new StringBuilder();
        var literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
