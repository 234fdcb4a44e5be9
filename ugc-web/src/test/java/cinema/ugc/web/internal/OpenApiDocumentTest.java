package cinema.ugc.web.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    @Test
    void twoGroupsMayDocumentDifferentOperationsOfOnePath() {
        String merged = OpenApiDocument.merge(
                List.of(
                        "paths:\n  /api/v1/me/events:\n    get: {operationId: readOwn, responses: {'200': {description: ok}}}\n",
                        "paths:\n  /api/v1/me/events:\n    delete: {operationId: eraseOwn, responses: {'202': {description: ok}}}\n"));
        assertTrue(merged.contains("readOwn") && merged.contains("eraseOwn"), merged);
    }

    @Test
    void oneOperationDocumentedTwiceIsRefused() {
        String get = "paths:\n  /x:\n    get: {responses: {'200': {description: ok}}}\n";
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> OpenApiDocument.merge(List.of(get, get)));
        assertTrue(e.getMessage().contains("get /x"), e.getMessage());
    }
}
