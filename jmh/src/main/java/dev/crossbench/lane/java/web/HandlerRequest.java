package dev.crossbench.lane.java.web;

import dev.crossbench.lane.HttpAnswer;
import org.eclipse.jetty.http.HttpHeader;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The handler tier: the endpoint's work called directly, with the mapper
 * Spring MVC uses (bind the login body, write the answer), and no routing,
 * no request or response objects, no HTTP. Which endpoint a request is for
 * is decided once, when it is kept.
 */
final class HandlerRequest implements TierRequest {
    private static final String JSON = "application/json";

    private enum Endpoint { JSON, LOGIN, ITEMS }

    private final Endpoints endpoints;
    private final JsonMapper mapper;
    private final Endpoint endpoint;
    private final byte[] body;
    private final String authorization;

    HandlerRequest(WebApp app, RawRequest request) {
        this.endpoints = app.endpoints();
        this.mapper = app.mapper();
        this.endpoint = endpoint(request);
        this.body = request.body();
        this.authorization = request.headers().get(HttpHeader.AUTHORIZATION);
    }

    private static Endpoint endpoint(RawRequest request) {
        String route = request.method() + " " + request.path();
        return switch (route) {
            case "GET /json" -> Endpoint.JSON;
            case "POST /auth/login" -> Endpoint.LOGIN;
            case "GET /items" -> Endpoint.ITEMS;
            default -> throw new WebFailure("the handler tier calls GET /json, POST /auth/login and GET /items only, not "
                    + route + ": a router answers that (framework and server tiers)");
        };
    }

    @Override
    public HttpAnswer serve() {
        Answer answer = switch (endpoint) {
            case JSON -> endpoints.json();
            case LOGIN -> endpoints.login(bindLogin());
            case ITEMS -> endpoints.items(authorization);
        };
        return new HttpAnswer(answer.status(), JSON, mapper.writeValueAsBytes(answer.body()));
    }

    /** The login body as Spring binds it, or null (a 400) where Spring's binding fails. */
    private Bodies.Login bindLogin() {
        try {
            return mapper.readValue(body, Bodies.Login.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    @Override
    public void close() {}
}
