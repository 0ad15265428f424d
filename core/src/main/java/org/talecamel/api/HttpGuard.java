package org.talecamel.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Puts the HTTP server's own checks in front of every {@code /api} route, before a request's body is read: the bearer
 * token (401 when missing, 403 when wrong) and the size limit (413). Requests to {@code /api} paths that no route
 * serves, and bodies found too large while being read, are answered in the API's JSON too.
 */
public final class HttpGuard extends ServiceSupport {

    private static final String API = "/api/*";
    /** Before Camel's routes, whose order counts up from 0. */
    private static final int FIRST = -1000;
    /** After Camel's routes, before static content (which the embedded server puts last of all). */
    private static final int LAST = Integer.MAX_VALUE - 1;

    private final CamelContext context;
    private final HttpAccess access;
    private final long maxBodyBytes;

    public HttpGuard(CamelContext context, HttpAccess access, long maxBodyBytes) {
        this.context = context;
        this.access = access;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doStart() {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        Router router = server == null ? null : server.getRouter();
        if (router == null) {
            throw new IllegalStateException("the embedded HTTP server has not started: the API cannot be guarded");
        }
        router.route(API).order(FIRST).handler(this::guard);
        router.route(API).order(LAST).handler(ctx -> respond(ctx, 404, "no such API endpoint: "
                + ctx.request().method() + " " + ctx.normalizedPath() + "; see /api/openapi.json"));
        // a body without Content-Length is only found too large while it is read, by the server's body handler
        router.route(API).order(LAST).failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                respond(ctx, 413, Uploads.tooLarge(maxBodyBytes).getMessage());
            } else {
                ctx.next();
            }
        });
    }

    private void guard(RoutingContext ctx) {
        switch (access.check(ctx.request().getHeader("Authorization"))) {
            case MISSING_TOKEN -> {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"tale-camel\"");
                respond(ctx, 401, "this API needs a bearer token: send the header Authorization: Bearer <tale.http.token>");
            }
            case WRONG_TOKEN -> respond(ctx, 403, "the bearer token is not the one configured (tale.http.token)");
            case ALLOWED -> {
                if (declaredLength(ctx) > maxBodyBytes) {
                    respond(ctx, 413, Uploads.tooLarge(maxBodyBytes).getMessage());
                } else {
                    ctx.next();
                }
            }
        }
    }

    private static long declaredLength(RoutingContext ctx) {
        try {
            String length = ctx.request().getHeader("Content-Length");
            return length == null ? 0 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return 0; // the body handler counts what actually arrives
        }
    }

    private static void respond(RoutingContext ctx, int status, String reason) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(ApiJson.error(reason));
    }
}
