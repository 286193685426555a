package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The threshold table of docs/detection.md against the declared keys and defaults: they cannot drift apart. */
class ThresholdDocsTest {

    private static List<String> tableRows() throws Exception {
        String doc = Files.readString(Path.of("../docs/detection.md"));
        String section = doc.substring(doc.indexOf("## Thresholds"), doc.indexOf("## State"));
        return section.lines().filter(line -> line.startsWith("| `")).toList();
    }

    @Test
    void shouldDocumentEveryThresholdKeyWithItsDefault() throws Exception {
        List<String> rows = tableRows();

        for (Map.Entry<String, String> key : ThresholdOverrides.defaults().entrySet()) {
            assertThat(rows).as("a row for %s", key.getKey()).anySatisfy(row -> {
                assertThat(row).contains("`" + key.getKey() + "`");
                assertThat(row.split("\\|")).as("its default %s", key.getValue()).anySatisfy(cell -> assertThat(cell).contains(key.getValue()));
            });
        }
    }

    @Test
    void shouldAcceptEveryDocumentedDefaultAsAnOverrideAndGiveTheDefaults() {
        Map<String, String> defaults = ThresholdOverrides.defaults();

        assertThat(ThresholdOverrides.apply(defaults)).isEqualTo(Thresholds.defaults());
    }
}
