package dev.crossbench.lane.java.web;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * The Spring Boot application: auto-configured as any Boot app on the
 * classpath's starters (Spring MVC, Jackson, embedded Jetty), with the
 * controller imported rather than scanned, and two additions: a strict login
 * binding and the in-memory connector. The settings are in {@link WebApps}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(EndpointController.class)
class WebAppConfiguration {

    /**
     * OPS.md's login takes exactly two string members, so the mapper refuses
     * other members and a number or boolean where a string is expected (Jackson
     * would otherwise write 42 into the password as "42"), and trailing data.
     */
    @Bean
    JsonMapperBuilderCustomizer strictBinding() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    InMemoryConnector inMemoryConnector() {
        return new InMemoryConnector();
    }
}
