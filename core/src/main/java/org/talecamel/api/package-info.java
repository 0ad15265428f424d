/**
 * The HTTP API of the service ({@code routes/api.camel.yaml}): what an upload is allowed to be and where it is kept,
 * how runs and trend charts look from outside, the dashboard's files, who may call. The beans the routes call are in {@code flow.ApiSteps}; only
 * {@link org.talecamel.api.HttpGuard} knows the HTTP server (Vert.x) itself.
 */
package org.talecamel.api;
