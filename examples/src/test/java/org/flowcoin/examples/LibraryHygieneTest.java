package org.flowcoin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library modules read no clock and no configuration property of their own: time comes from an
 * {@code InstantSource} the caller passes, choices from arguments. Applications (this module's CLI,
 * the benchmarks) may read both. The only system properties a library reads are the JVM's platform
 * facts (operating system, architecture, temporary folder).
 */
class LibraryHygieneTest {
    private static final Pattern AMBIENT = Pattern.compile(
            "System\\.currentTimeMillis|System\\.nanoTime|Instant\\.now\\(|Clock\\.system|InstantSource\\.system\\(\\)"
                    + "|Boolean\\.getBoolean|Integer\\.getInteger|Long\\.getLong|System\\.getenv|System\\.getProperty\\(\\s*([^,)]*)");
    private static final List<String> PLATFORM_PROPERTIES = List.of("\"os.name\"", "\"os.arch\"", "\"java.io.tmpdir\"");

    @Test
    void libraryCodeReadsNoClockAndNoConfigurationProperty() throws IOException {
        List<String> found = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("flow-")).toList()) {
                Path main = module.resolve("src/main/java");
                if (!Files.isDirectory(main)) continue;
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        scan(f, found);
                        scanned++;
                    }
                }
            }
        }
        assertThat(scanned).as("library source files scanned").isGreaterThan(200);
        assertThat(found).as("ambient clock or property reads in library code").isEmpty();
    }

    private static void scan(Path file, List<String> found) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) continue; // documentation
            Matcher m = AMBIENT.matcher(line);
            while (m.find()) {
                if (m.group(1) != null && PLATFORM_PROPERTIES.contains(m.group(1).strip())) continue;
                found.add(file + ":" + (i + 1) + ": " + line);
            }
        }
    }

    @Test
    void theScanSeesWhatItLooksFor() {
        Matcher clock = AMBIENT.matcher("long t = System.currentTimeMillis();");
        Matcher property = AMBIENT.matcher("String m = System.getProperty(\"flow.keccak.impl\", \"auto\");");
        Matcher platform = AMBIENT.matcher("String os = System.getProperty(\"os.name\", \"\");");
        assertThat(clock.find()).isTrue();
        assertThat(property.find()).isTrue();
        assertThat(PLATFORM_PROPERTIES).doesNotContain(property.group(1).strip());
        assertThat(platform.find()).isTrue();
        assertThat(PLATFORM_PROPERTIES).contains(platform.group(1).strip());
    }
}
