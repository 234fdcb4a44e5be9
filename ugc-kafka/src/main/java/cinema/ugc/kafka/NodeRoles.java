package cinema.ugc.kafka;

import java.util.Arrays;

/**
 * What a KRaft node runs ({@code process.roles}). A single local node combines both; a multi-node cluster keeps its
 * controllers apart from its brokers, so a broker crash never takes the active controller with it.
 */
public enum NodeRoles {
    COMBINED("broker,controller"),
    BROKER("broker"),
    CONTROLLER("controller");

    private final String processRoles;

    NodeRoles(String processRoles) {
        this.processRoles = processRoles;
    }

    /** The value of {@code process.roles}. */
    public String processRoles() {
        return processRoles;
    }

    public boolean broker() {
        return this != CONTROLLER;
    }

    public boolean controller() {
        return this != BROKER;
    }

    /** The inverse of {@link #processRoles()}; names the accepted values when {@code text} is none of them. */
    public static NodeRoles parse(String text) {
        return Arrays.stream(values())
                .filter(r -> r.processRoles.equals(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("process roles must be one of "
                        + Arrays.stream(values()).map(NodeRoles::processRoles).toList() + ", not " + text));
    }
}
