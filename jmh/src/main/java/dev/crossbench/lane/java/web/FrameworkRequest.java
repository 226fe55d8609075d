package dev.crossbench.lane.java.web;

import dev.crossbench.lane.HttpAnswer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.io.IOException;
import org.eclipse.jetty.http.HttpField;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The framework tier: Spring's DispatcherServlet (the app's own, which Jetty
 * initialised) called with spring-test's mock request and response, so
 * Spring's routing, binding, exception handling and message conversion run
 * and HTTP does not. A fresh mock pair per serve, built from the request as
 * parsed when it was kept: a servlet request is single-use (its body stream
 * is read once) and the servlet writes into the response.
 *
 * <p>Not MockMvc: it wraps the same call in a test harness (a request
 * builder, a result object, a filter chain and a subclass of the servlet that
 * records the handler), which would be measured with it.
 */
final class FrameworkRequest implements TierRequest {
    private final DispatcherServlet dispatcher;
    private final ServletContext servletContext;
    private final RawRequest request;

    FrameworkRequest(WebApp app, RawRequest request) {
        this.dispatcher = app.dispatcher();
        this.servletContext = app.servletContext();
        this.request = request;
    }

    @Override
    public HttpAnswer serve() {
        MockHttpServletRequest servletRequest = new MockHttpServletRequest(servletContext, request.method(), request.path());
        servletRequest.setQueryString(request.query());
        for (HttpField field : request.headers()) {
            servletRequest.addHeader(field.getName(), field.getValue()); // Content-Type also sets the content type
        }
        if (request.body().length > 0) {
            servletRequest.setContent(request.body());
        }
        MockHttpServletResponse servletResponse = new MockHttpServletResponse();
        try {
            dispatcher.service(servletRequest, servletResponse);
        } catch (ServletException | IOException e) {
            throw new WebFailure("Spring's DispatcherServlet failed on " + request.method() + " " + request.path() + ": " + e, e);
        }
        String type = servletResponse.getContentType();
        return new HttpAnswer(servletResponse.getStatus(), type == null ? "" : type, servletResponse.getContentAsByteArray());
    }

    @Override
    public void close() {}
}
