package org.flowcoin.pot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowcoin.primitives.consensus.Rule;
import org.junit.jupiter.api.Test;

/** The rule ids of the code and of docs/spec/validation.md are one unique set. */
class RuleIdsTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\| ([A-Z]+)-(\\d+)(?:\\.\\.(?:[A-Z]+-)?(\\d+))? \\|");

    /** Every id a table row of the spec names, ranges such as {@code TX-1..TX-9} expanded. */
    static Set<String> specIds(Path file) throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = ROW.matcher(Files.readString(file));
        while (m.find()) {
            int from = Integer.parseInt(m.group(2));
            int to = m.group(3) == null ? from : Integer.parseInt(m.group(3));
            for (int i = from; i <= to; i++) ids.add(m.group(1) + "-" + i);
        }
        return ids;
    }

    @Test
    void idsAreUniqueAndRoundTrip() {
        Set<String> seen = new HashSet<>();
        for (Rule r : Rule.values()) {
            assertThat(seen.add(r.id())).as("duplicate id %s", r.id()).isTrue();
            assertThat(Rule.byId(r.id())).isSameAs(r);
        }
        assertThatThrownBy(() -> Rule.byId("TX-99")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSpecAndTheEnumNameTheSameRules() throws Exception {
        Set<String> spec = specIds(Path.of("..", "docs", "spec", "validation.md"));
        Set<String> code = new LinkedHashSet<>();
        Arrays.stream(Rule.values()).forEach(r -> code.add(r.id()));
        assertThat(spec).containsExactlyInAnyOrderElementsOf(code);
    }

    @Test
    void theContextFreeTransactionRulesOfPrimitivesAreRules() throws Exception {
        Set<String> primitives = specIds(Path.of("..", "docs", "spec", "primitives.md"));
        primitives.removeIf(id -> !id.startsWith("TX-"));
        assertThat(primitives).containsExactly("TX-1", "TX-2", "TX-3", "TX-4", "TX-5", "TX-6", "TX-7", "TX-8", "TX-9");
        for (String id : primitives) assertThat(Rule.byId(id).id()).isEqualTo(id);
    }
}
