package dev.crossbench.lane.java.web;

import jakarta.servlet.ServletContext;
import org.eclipse.jetty.server.LocalConnector;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running app (equalised or as-written) and the parts each tier enters
 * by: the endpoints' work and Spring's mapper (handler), Spring's
 * DispatcherServlet and its servlet context (framework), Jetty's in-memory
 * connector (server, server-caller).
 */
record WebApp(
        ConfigurableApplicationContext context,
        Endpoints endpoints,
        JsonMapper mapper,
        DispatcherServlet dispatcher,
        ServletContext servletContext,
        LocalConnector connector) {}
