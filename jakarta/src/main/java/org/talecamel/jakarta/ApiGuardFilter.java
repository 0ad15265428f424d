package org.talecamel.jakarta;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.talecamel.TaleConfiguration;
import org.talecamel.api.ApiJson;
import org.talecamel.api.HttpAccess;
import org.talecamel.api.Uploads;

/**
 * The embedded server's checks ({@code api/HttpGuard}) in front of the API under the WAR's context root, before a
 * request's body is read: the bearer token ({@code tale.http.token}: 401 when missing, 403 when wrong) and the size
 * limit ({@code tale.http.max-upload-bytes}: 413), answered in the API's JSON. The dashboard's page and files need no
 * token, as on the embedded server.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public final class ApiGuardFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CamelContext camel = CamelLifecycle.camel().orElse(null);
        HttpAccess access = camel == null ? null
                : camel.getRegistry().lookupByNameAndType(TaleConfiguration.HTTP_ACCESS, HttpAccess.class);
        if (access == null) {
            respond(response, 503, "tale-camel's Camel application is not running in this deployment (see the server"
                    + " log)");
            return;
        }
        switch (access.check(request.getHeader("Authorization"))) {
            case MISSING_TOKEN -> {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"tale-camel\"");
                respond(response, 401, "this API needs a bearer token: send the header Authorization: Bearer"
                        + " <tale.http.token>");
            }
            case WRONG_TOKEN -> respond(response, 403, "the bearer token is not the one configured (tale.http.token)");
            case ALLOWED -> {
                long limit = Long.parseLong(camel.resolvePropertyPlaceholders("{{tale.http.max-upload-bytes}}"));
                if (request.getContentLengthLong() > limit) {
                    respond(response, 413, Uploads.tooLarge(limit).getMessage());
                } else {
                    chain.doFilter(request, response);
                }
            }
        }
    }

    private static void respond(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(ApiJson.error(reason));
    }
}
