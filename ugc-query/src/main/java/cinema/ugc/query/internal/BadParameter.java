package cinema.ugc.query.internal;

import cinema.ugc.web.HttpProblem;

/** A query or path parameter the client must fix: a 400 problem whose {@code parameter} member names it. */
public final class BadParameter {
    private BadParameter() {}

    public static HttpProblem of(String parameter, String detail) {
        return HttpProblem.badRequest(parameter + " " + detail).withExtension("parameter", parameter);
    }
}
