package io.firebreak.telemetry.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's site-inventory reference names every key an inventory file may hold: the keys are taken from
 * the file's declaration ({@link InventoryFile}), so a key added without its mention fails here.
 */
class InventoryReferenceTest {

    @Test
    void shouldMentionEveryInventoryKeyInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String reference = readme.substring(readme.indexOf("### Site inventory"), readme.indexOf("## The wire contract"));

        List<String> missing = new ArrayList<>();
        for (Class<?> spec : InventoryFile.class.getDeclaredClasses()) {
            for (RecordComponent component : spec.getRecordComponents()) {
                String key = component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
                if (!reference.matches("(?s).*`[^`]*\\b" + key + "\\b[^`]*`.*")) {
                    missing.add(spec.getSimpleName() + "." + key);
                }
            }
        }

        assertThat(missing).as("inventory keys the README's site-inventory table does not mention").isEmpty();
    }
}
