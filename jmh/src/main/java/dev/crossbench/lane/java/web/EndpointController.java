package dev.crossbench.lane.java.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints as a Spring MVC controller, as an article's service writes
 * them: Spring routes, binds the login body with its Jackson and writes every
 * answer with it. The work is {@link Endpoints}'.
 */
@RestController
class EndpointController {
    private final Endpoints endpoints;

    EndpointController(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @GetMapping("/json")
    public ResponseEntity<Object> json() {
        return entity(endpoints.json());
    }

    @PostMapping("/auth/login")
    public ResponseEntity<Object> login(@RequestBody Bodies.Login body) {
        return entity(endpoints.login(body));
    }

    @GetMapping("/items")
    public ResponseEntity<Object> items(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return entity(endpoints.items(authorization));
    }

    /** A login body Jackson cannot bind (not JSON, not UTF-8, not an object, a member extra or of another type): 400. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Object> unreadable() {
        return entity(Answer.BAD_REQUEST);
    }

    private static ResponseEntity<Object> entity(Answer answer) {
        return ResponseEntity.status(answer.status()).body(answer.body());
    }
}
