package cinema.ugc.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds the one OpenAPI document of the process: the server's base (health, metrics, Problem schema, bearer auth)
 * plus each route group's fragment. Merged once at start-up; a fragment that is not valid YAML or redefines a path
 * stops the start-up.
 */
public final class OpenApiDocument {
    private static final YAMLMapper YAML = new YAMLMapper();

    private OpenApiDocument() {}

    public static String merge(List<String> fragments) {
        ObjectNode document = read(base());
        for (String fragment : fragments) {
            mergeInto(document, read(fragment));
        }
        try {
            return YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the OpenAPI document", e);
        }
    }

    /** Two groups may document one path (e.g. GET and DELETE of /api/v1/me/events), never one operation twice. */
    private static void mergeOperations(String path, ObjectNode into, JsonNode operations) {
        for (Iterator<Map.Entry<String, JsonNode>> it = operations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> op = it.next();
            if (into.has(op.getKey())) {
                throw new IllegalStateException("OpenAPI operation defined twice: " + op.getKey() + " " + path);
            }
            into.set(op.getKey(), op.getValue());
        }
    }

    private static void mergeInto(ObjectNode document, ObjectNode fragment) {
        ObjectNode paths = document.withObject("/paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = fragment.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (paths.has(path.getKey())) {
                mergeOperations(path.getKey(), (ObjectNode) paths.get(path.getKey()), path.getValue());
            } else {
                paths.set(path.getKey(), path.getValue());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        fragment.path("components").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            document.withObject("/components")
                    .withObject("/" + section.getKey())
                    .setAll((ObjectNode) section.getValue());
        }
        if (fragment.path("tags").isArray()) {
            ArrayNode tags = document.withArray("/tags");
            fragment.path("tags").forEach(tags::add);
        }
    }

    private static ObjectNode read(String yaml) {
        try {
            JsonNode node = YAML.readTree(yaml);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalStateException("an OpenAPI fragment must be a YAML mapping");
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an OpenAPI fragment is not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static String base() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/cinema/ugc/web/openapi-base.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi-base.yaml is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
