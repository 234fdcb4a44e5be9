package cinema.ugc.ingest.internal;

import cinema.ugc.model.Event;
import cinema.ugc.model.EventParser;
import cinema.ugc.model.InvalidEventException;
import cinema.ugc.model.Violation;
import cinema.ugc.web.HttpProblem;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a request body into validated events, or into the 400/413 problem that tells the client what to fix.
 * A batch is all-or-nothing: one invalid event rejects the request, and the problem lists every invalid index.
 */
public final class EventRequests {
    /** Deeper than any valid event needs (3); a hostile nesting bomb fails fast instead of recursing. */
    private static final int MAX_NESTING = 32;

    private static final Pattern DUPLICATE_KEY =
            Pattern.compile("Duplicate field '(.*)' for `ObjectNode`", Pattern.DOTALL);

    private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .build())
                    .build())
            // Duplicate keys are found as the tree is built (a key the object already holds), not by the parser's
            // STRICT_DUPLICATE_DETECTION, which keeps a second set of every object's names: the same rejection for
            // less work on every request (docs/benchmarks.md, "The JIT's warm-up, and the ratio at steady state").
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /**
     * Reads the tree through a reader made once: {@code ObjectMapper.readTree} resolves the JsonNode type and looks up
     * its deserializer on every call, work that a prepared reader does once (docs/benchmarks.md, "Ingest CPU per
     * request").
     */
    private final ObjectReader reader = mapper.readerFor(JsonNode.class);

    private final EventParser parser;
    private final int maxBatchEvents;

    public EventRequests(EventParser parser, int maxBatchEvents) {
        this.parser = parser;
        this.maxBatchEvents = maxBatchEvents;
    }

    public Event single(byte[] body, String userId) {
        JsonNode node = read(body);
        try {
            return parser.parse(node, userId);
        } catch (InvalidEventException e) {
            throw invalid(
                    "the event is invalid; nothing was written",
                    e.violations().stream().map(v -> error(null, v)).toList());
        }
    }

    public List<Event> batch(byte[] body, String userId) {
        return events(read(body), userId);
    }

    /** The two parts of a beacon body, {@code {"token": "<JWT>", "events": [...]}}, before the token is checked. */
    public record Beacon(String token, JsonNode events) {}

    /**
     * Splits a beacon body into its token and its events, which {@link #events} validates once the token is.
     *
     * @throws HttpProblem 400 when the body is not such an object, 401 when it carries no token
     */
    public Beacon beacon(byte[] body) {
        JsonNode node = read(body);
        if (!node.isObject()) {
            throw HttpProblem.badRequest("a beacon body is a JSON object {\"token\": \"<JWT>\", \"events\": [...]}");
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("token") && !field.equals("events")) {
                throw HttpProblem.badRequest("unknown field '" + abbreviate(field) + "' in the beacon body; it holds "
                        + "only token and events");
            }
        }
        JsonNode token = node.path("token");
        if (!token.isTextual() || token.asText().isBlank()) {
            throw HttpProblem.unauthorized(
                    "the beacon body carries no token; send {\"token\": \"<JWT>\", " + "\"events\": [...]}");
        }
        return new Beacon(token.asText().trim(), node.path("events"));
    }

    /** Validates an array of events, all or nothing, as a batch. */
    public List<Event> events(JsonNode node, String userId) {
        if (!node.isArray()) {
            throw HttpProblem.badRequest("a batch must be a JSON array of 1 to " + maxBatchEvents + " events");
        }
        if (node.isEmpty()) {
            throw HttpProblem.badRequest("the batch is empty; send 1 to " + maxBatchEvents + " events");
        }
        if (node.size() > maxBatchEvents) {
            throw HttpProblem.tooLarge(
                    "the batch has " + node.size() + " events; at most " + maxBatchEvents + " are accepted");
        }
        return parseAll(node, userId);
    }

    private List<Event> parseAll(JsonNode array, String userId) {
        List<Event> events = new ArrayList<>(array.size());
        List<Map<String, Object>> errors = new ArrayList<>();
        int invalid = 0;
        for (int i = 0; i < array.size(); i++) {
            try {
                events.add(parser.parse(array.get(i), userId));
            } catch (InvalidEventException e) {
                invalid++;
                for (Violation v : e.violations()) {
                    errors.add(error(i, v));
                }
            }
        }
        if (invalid > 0) {
            throw invalid(invalid + " of " + array.size() + " events are invalid; nothing was written", errors);
        }
        return events;
    }

    private JsonNode read(byte[] body) {
        if (body.length == 0) {
            throw HttpProblem.badRequest("the request body is empty; send JSON");
        }
        try {
            JsonNode node = reader.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw HttpProblem.badRequest("the request body is empty; send JSON");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw HttpProblem.badRequest("the JSON exceeds a parser limit: " + e.getOriginalMessage());
        } catch (MismatchedInputException e) {
            throw HttpProblem.badRequest("malformed JSON: " + duplicateKey(e));
        } catch (IOException e) {
            throw HttpProblem.badRequest("malformed JSON: " + oneLine(e));
        }
    }

    /** Jackson names the tree class and the feature; the client needs only the key. */
    private static String duplicateKey(MismatchedInputException e) {
        Matcher key = DUPLICATE_KEY.matcher(String.valueOf(e.getOriginalMessage()));
        return key.lookingAt() ? "duplicate key '" + abbreviate(key.group(1)) + "'" : oneLine(e);
    }

    private static HttpProblem invalid(String detail, List<Map<String, Object>> errors) {
        return HttpProblem.badRequest(detail + ": " + summary(errors)).withExtension("errors", errors);
    }

    private static String summary(List<Map<String, Object>> errors) {
        Map<String, Object> first = errors.get(0);
        String where = first.containsKey("index") ? "[" + first.get("index") + "]." : "";
        return where + first.get("field") + " " + first.get("reason")
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    }

    private static Map<String, Object> error(Integer index, Violation v) {
        Map<String, Object> error = new LinkedHashMap<>();
        if (index != null) {
            error.put("index", index);
        }
        error.put("field", v.field());
        error.put("reason", v.reason());
        return error;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }

    private static String oneLine(IOException e) {
        String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                ? j.getOriginalMessage()
                : e.getMessage();
        message = message == null
                ? e.getClass().getSimpleName()
                : message.replaceAll("\\s+", " ")
                        .replaceAll(" ?\\(start marker at \\[Source:.*?\\]\\)", "")
                        .replaceAll(" ?at \\[Source:.*?\\]", "");
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
