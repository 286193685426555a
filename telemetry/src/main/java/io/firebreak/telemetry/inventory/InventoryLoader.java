package io.firebreak.telemetry.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads a site inventory from YAML and validates it. Every error names the file, the key and the problem,
 * e.g. {@code site.yaml: rooms[0].racks[2].cells_per_module: must be between 1 and 1024, was 0}.
 * Secrets are given inline ({@code secret: whsec_...}) or, better, by environment variable
 * ({@code secret_env: NAME}).
 */
public final class InventoryLoader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Function<String, String> environment;

    /** A loader that resolves {@code *_env} secrets from the process environment. */
    public InventoryLoader() {
        this(System::getenv);
    }

    /** A loader that resolves {@code *_env} secrets with {@code environment} (for tests). */
    public InventoryLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    public SiteInventory load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new InventoryException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Loads the example inventory shipped on the classpath at {@code resource}. */
    public SiteInventory loadResource(String resource) {
        try (InputStream in = InventoryLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InventoryException(resource + ": no such resource");
            }
            return load(in, resource);
        } catch (IOException e) {
            throw new InventoryException(resource + ": cannot read: " + e.getMessage(), e);
        }
    }

    public SiteInventory load(InputStream in, String fileName) {
        InventoryFile.SiteSpec spec;
        try {
            spec = YAML.readValue(in, InventoryFile.SiteSpec.class);
        } catch (JsonMappingException e) {
            throw new InventoryException(fileName + ": " + path(e) + ": " + e.getOriginalMessage().split("\n")[0], e);
        } catch (JsonProcessingException e) {
            throw new InventoryException(fileName + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InventoryException(fileName + ": cannot read: " + e.getMessage(), e);
        }
        if (spec == null) {
            throw new InventoryException(fileName + ": the file is empty");
        }
        return new InventoryValidator(fileName, environment).validate(spec);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.isEmpty() ? "(top level)" : path.toString();
    }

}
