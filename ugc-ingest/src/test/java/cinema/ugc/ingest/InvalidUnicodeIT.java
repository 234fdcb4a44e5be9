package cinema.ugc.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A lone surrogate escape ({@code "\ud800"}) is valid JSON but no text: over real HTTP it is a 400 naming the field,
 * and nothing reaches the topic (not even as '?'). A whole pair escaped is a character and is accepted.
 */
class InvalidUnicodeIT {
    static TestApi api;

    @BeforeAll
    static void start() throws Exception {
        api = TestApi.shared();
    }

    static List<Object[]> loneSurrogates() {
        return List.of(
                new Object[] {TestApi.event("VIEW", "film_id", "\"tt\\ud800\""), "film_id"},
                new Object[] {TestApi.event("CLICK", "description", "\"ok \\udc00 then\""), "description"},
                new Object[] {TestApi.event("CLICK", "properties", "{\"page\":\"\\ud83d\"}"), "properties.page"},
                new Object[] {TestApi.event("CLICK", "properties", "{\"k\\ud800\":1}"), "properties.k\ufffd"},
                new Object[] {TestApi.event("CLICK", "event_time_\\udfff", "1"), "event_time_\ufffd"});
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("loneSurrogates")
    void loneSurrogateIs400NamingTheFieldAndNothingIsWritten(String body, String field) throws Exception {
        String user = TestApi.newUser();
        HttpResponse<String> response =
                api.send(api.postJson("/api/v1/events", user, body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, response.statusCode(), response.body());
        JsonObject problem = new JsonObject(response.body());
        JsonObject error = problem.getJsonArray("errors").getJsonObject(0);
        assertEquals(field, error.getString("field"), response.body());
        assertTrue(problem.getString("detail").contains(field), problem.getString("detail"));

        HttpResponse<String> batch = api.send(api.postJson(
                "/api/v1/events/batch",
                user,
                ("[" + TestApi.event("CLICK") + "," + body + "]").getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, batch.statusCode(), batch.body());
        assertEquals(
                1,
                new JsonObject(batch.body())
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getInteger("index"));
        assertEquals(0, api.recordsOf(user).size(), "nothing of either request reached Kafka");
    }

    @Test
    void escapedSurrogatePairIsACharacterAndKeptIntact() throws Exception {
        String user = TestApi.newUser();
        HttpResponse<String> response = api.send(api.postJson(
                "/api/v1/events",
                user,
                TestApi.event("CLICK", "description", "\"film \\ud83c\\udfac\"").getBytes(StandardCharsets.UTF_8)));
        assertEquals(202, response.statusCode(), response.body());
        JsonObject stored = new JsonObject(new String(api.recordsOf(user).get(0).value(), StandardCharsets.UTF_8));
        assertEquals("film \uD83C\uDFAC", stored.getString("description"));
    }
}
