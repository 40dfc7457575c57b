package dev.vigil.console.audit;

import io.javalin.http.Context;

/**
 * What a request did, in the audit's words, set by its handler and written to the audit trail once
 * the request is answered (with an outcome from its status).
 */
public final class Audited {

    static final String ACTION = "vigil.audit.action";
    static final String TARGET = "vigil.audit.target";

    private Audited() {}

    /** Names the request's action (e.g. {@code rule.update}) and its target. */
    public static void as(Context ctx, String action, String target) {
        ctx.attribute(ACTION, action);
        ctx.attribute(TARGET, target);
    }

    /** The action named for the request; null when none was. */
    public static String action(Context ctx) {
        return ctx.attribute(ACTION);
    }

    /** The target named for the request; null when none was. */
    public static String target(Context ctx) {
        return ctx.attribute(TARGET);
    }
}
