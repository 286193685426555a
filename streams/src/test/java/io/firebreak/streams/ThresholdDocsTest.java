package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The threshold table of docs/detection.md against the rules' declarations: they cannot drift apart. */
class ThresholdDocsTest {

    static final String BEGIN = "<!-- thresholds: made by `./firebreak thresholds --markdown`; do not edit by hand -->\n";
    static final String END = "<!-- thresholds: end -->";

    @Test
    void shouldHoldTheTableTheDeclarationsMake() throws Exception {
        String doc = Files.readString(Path.of("../docs/detection.md"));
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("docs/detection.md marks its thresholds table").isNotNegative();

        String table = doc.substring(begin + BEGIN.length(), end);

        assertThat(table).as("docs/detection.md's table; run ./firebreak thresholds --markdown").isEqualTo(ThresholdCatalog.markdown());
    }

    @Test
    void shouldListEveryDeclaredKeyOnceWithItsDefault() {
        String table = ThresholdCatalog.markdown();

        for (Map.Entry<String, String> key : ThresholdOverrides.defaults().entrySet()) {
            assertThat(table).as("a row for %s", key.getKey()).contains("| `" + key.getKey() + "` | " + key.getValue() + " |");
        }
        assertThat(table.lines().filter(line -> line.startsWith("| `"))).hasSize(ThresholdCatalog.BY_KEY.size());
    }

    @Test
    void shouldAcceptEveryDocumentedDefaultAsAnOverrideAndGiveTheDefaults() {
        Map<String, String> defaults = ThresholdOverrides.defaults();

        assertThat(ThresholdOverrides.apply(defaults)).isEqualTo(Thresholds.defaults());
    }

    @Test
    void shouldGiveAYamlBlockThatLoadsAsTheDefaults() throws Exception {
        Map<?, ?> yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readValue(ThresholdCatalog.yaml(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> thresholds = (Map<String, Object>) ((Map<?, ?>) yaml.get("detect")).get("thresholds");

        assertThat(thresholds).hasSize(ThresholdCatalog.BY_KEY.size());
        assertThat(ThresholdOverrides.apply(thresholds)).isEqualTo(Thresholds.defaults());
    }
}
