package cinema.ugc.web;

import io.vertx.ext.web.Router;

/**
 * A group of endpoints contributed to the process's single HTTP server (ingest, read API, ...).
 *
 * <p>{@link #mount} is called once per event-loop instance of the server, so it must only add routes — shared state
 * (producers, stores, meters) belongs to the object, created once. Request bodies are read with
 * {@link DecodedBody#of}; failures are signalled with {@code ctx.fail(HttpProblem)}.
 */
public interface Routes {

    void mount(Router router);

    /**
     * This group's part of the OpenAPI 3 document served at {@code GET /openapi.yaml}: a YAML OpenAPI document whose
     * {@code paths}, {@code components} and {@code tags} are merged into the server's document (which already defines
     * {@code #/components/schemas/Problem}, {@code #/components/responses/*} and the {@code bearerAuth} scheme).
     * Null when the group documents nothing.
     */
    default String openApiYaml() {
        return null;
    }
}
