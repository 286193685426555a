package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration reference names every key {@code firebreak.yaml} reads: the keys are taken
 * from the file's declaration ({@link ConfigFile}, {@link ManagementSection}, {@link OperatorsSection}), so a key added without its row fails here.
 */
class ConfigReferenceTest {

    @Test
    void shouldDocumentEveryConfigurationKeyInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String reference = readme.substring(readme.indexOf("## Configuration reference"), readme.indexOf("### Site inventory"));

        List<String> declared = keys(ConfigFile.Root.class, "");
        ManagementSection.KEYS.forEach(k -> declared.add("management." + k));
        OperatorsSection.KEYS.stream().filter(k -> !k.equals("tls")).forEach(k -> declared.add("operators." + k));
        OperatorsSection.TLS_KEYS.forEach(k -> declared.add("operators.tls." + k));
        List<String> missing = new ArrayList<>();
        for (String key : declared) {
            if (!reference.contains("`" + key + "`")) {
                missing.add(key);
            }
        }

        assertThat(missing).as("keys of firebreak.yaml without a row in the README's configuration reference").isEmpty();
    }

    private static List<String> keys(Class<?> record, String prefix) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String key = prefix + snake(component.getName());
            if (component.getType().isRecord()) {
                keys.addAll(keys(component.getType(), key + "."));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
