package org.talecamel.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The files of the dashboard, served from the jar ({@code core/src/main/resources/dashboard/}); no other name is looked up. */
public enum DashboardFile {
    PAGE("index.html", "text/html; charset=utf-8"),
    SCRIPT("dashboard.js", "text/javascript; charset=utf-8"),
    STYLE("dashboard.css", "text/css; charset=utf-8");

    private final String fileName;
    private final String contentType;

    DashboardFile(String fileName, String contentType) {
        this.fileName = fileName;
        this.contentType = contentType;
    }

    /** The file of {@code /dashboard/{name}}; the page itself when there is no name ({@code GET /}). */
    public static DashboardFile named(String name) {
        if (name == null || name.isEmpty()) {
            return PAGE;
        }
        for (DashboardFile file : values()) {
            if (file.fileName.equals(name)) {
                return file;
            }
        }
        throw ApiError.notFound("the dashboard has no file '" + name + "': open / for the dashboard");
    }

    public String contentType() {
        return contentType;
    }

    public byte[] content() {
        try (InputStream in = DashboardFile.class.getResourceAsStream("/dashboard/" + fileName)) {
            if (in == null) {
                throw new IllegalStateException("dashboard/" + fileName + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard/" + fileName + " from the jar: " + e.getMessage(), e);
        }
    }
}
