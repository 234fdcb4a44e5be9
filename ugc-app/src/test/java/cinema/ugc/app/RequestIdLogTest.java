package cinema.ugc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cinema.ugc.web.EventLoops;
import cinema.ugc.web.Routes;
import cinema.ugc.web.WebServer;
import cinema.ugc.web.WebSettings;
import cinema.ugc.web.internal.ProblemFailureHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A request that fails inside the server is logged with its request id — through the application's own logging
 * (Logback, whose JSON layout writes MDC keys as fields).
 */
class RequestIdLogTest {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ProblemFailureHandler.class);
    private Vertx vertx;
    private WebServer server;

    /** A route that fails the way a bug does. */
    private static final class Failing implements Routes {
        @Override
        public void mount(Router router) {
            router.get("/boom").handler(ctx -> {
                throw new IllegalStateException("a bug");
            });
        }
    }

    @BeforeEach
    void start() {
        appender.start();
        logger.addAppender(appender);
        vertx = EventLoops.create();
        server = WebServer.builder(
                        vertx,
                        new WebSettings("127.0.0.1", 0, 1, 64 * 1024, 64 * 1024),
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .routes(new Failing())
                .build();
        server.start().await();
    }

    @AfterEach
    void stop() {
        logger.detachAppender(appender);
        vertx.close().await();
    }

    @Test
    void anUnhandledFailureIsLoggedWithTheRequestId() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/boom"))
                                .header("X-Request-Id", "req-42")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(500, response.statusCode());
        assertEquals("req-42", response.headers().firstValue("X-Request-Id").orElse(""));
        List<ILoggingEvent> events = appender.list;
        assertEquals(1, events.size(), events.toString());
        assertEquals("req-42", events.get(0).getMDCPropertyMap().get("request_id"));
        assertEquals("unhandled failure on GET /boom", events.get(0).getFormattedMessage());
    }
}
