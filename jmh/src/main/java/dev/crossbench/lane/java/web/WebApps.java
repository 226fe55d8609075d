package dev.crossbench.lane.java.web;

import dev.crossbench.lane.HttpApp;
import dev.crossbench.payload.Corpus;
import dev.crossbench.payload.Payload;
import dev.crossbench.payload.User;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lane's apps, each started once, on the first http op that names it,
 * and shared by every thread and tier after that. A fork that runs no
 * request benchmark never starts one.
 */
final class WebApps {
    /**
     * Boot's settings for the apps, given as defaults so nothing else is read
     * for them: no banner and no start-up log (JMH's output stays readable),
     * no shutdown hook (Jetty's threads are daemons, see InMemoryConnector),
     * the DispatcherServlet initialised when Jetty starts rather than on the
     * first request (the framework tier calls it without Jetty), and a
     * config name no file has, so no stray application.properties changes the app.
     */
    private static final Map<String, Object> SETTINGS = Map.of(
            "spring.main.banner-mode", "off",
            "spring.main.log-startup-info", "false",
            "spring.main.register-shutdown-hook", "false",
            "spring.mvc.servlet.load-on-startup", "1",
            "spring.config.name", "crossbench-java-web");

    private final Function<byte[], List<User>> bindUsers;
    private final Map<HttpApp, WebApp> started = new EnumMap<>(HttpApp.class);

    /** {@code bindUsers}: the lane's Jackson bind, which /items' records are bound with, once. */
    WebApps(Function<byte[], List<User>> bindUsers) {
        this.bindUsers = bindUsers;
    }

    /** The app, started now if it was not. */
    synchronized WebApp get(HttpApp app) {
        WebApp running = started.get(app);
        if (running == null) {
            running = start(app);
            started.put(app, running);
        }
        return running;
    }

    /**
     * The stored hash of each app: cost 10 for both in the Java lane. Equalised
     * is cost 10 in every lane; as written, a Spring service hashes with Spring
     * Security's {@code BCryptPasswordEncoder}, whose default strength is 10
     * (the lane verifies with at.favre bcrypt, as its bcrypt ops do).
     */
    static String passwordHashFile(HttpApp app) {
        return switch (app) {
            case EQUALISED, AS_WRITTEN -> "password-bcrypt-10";
        };
    }

    private WebApp start(HttpApp app) {
        Endpoints endpoints = new Endpoints(
                new Users(Corpus.read(passwordHashFile(app))),
                new Tokens(Corpus.read("jwt-key")),
                bindUsers.apply(Payload.MEDIUM.bytes()));
        SpringApplication spring = new SpringApplication(WebAppConfiguration.class);
        spring.setWebApplicationType(WebApplicationType.SERVLET);
        spring.setDefaultProperties(withName(app));
        spring.addInitializers(context -> context.getBeanFactory().registerSingleton("endpoints", endpoints));
        ConfigurableApplicationContext context;
        try {
            context = spring.run();
        } catch (RuntimeException e) {
            throw new WebFailure("the " + app + " app did not start: " + e, e);
        }
        DispatcherServlet dispatcher = context.getBean(DispatcherServlet.class);
        if (dispatcher.getServletConfig() == null) {
            throw new WebFailure("Jetty did not initialise Spring's DispatcherServlet at start-up (spring.mvc.servlet.load-on-startup)");
        }
        return new WebApp(context, endpoints, context.getBean(JsonMapper.class), dispatcher,
                ((WebApplicationContext) context).getServletContext(), context.getBean(InMemoryConnector.class).connector());
    }

    private static Map<String, Object> withName(HttpApp app) {
        Map<String, Object> settings = new java.util.HashMap<>(SETTINGS);
        settings.put("spring.application.name", "crossbench-" + app.id());
        return settings;
    }
}
