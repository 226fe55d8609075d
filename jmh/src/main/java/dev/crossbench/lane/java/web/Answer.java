package dev.crossbench.lane.java.web;

/**
 * What an endpoint answers before any framework writes it: a status and the
 * object its JSON body is written from. The handler tier writes it with
 * Spring's mapper; the controller hands it to Spring MVC.
 */
record Answer(int status, Object body) {
    static final Answer BAD_REQUEST = new Answer(400, new Bodies.Error("bad request"));
    static final Answer UNAUTHORIZED = new Answer(401, new Bodies.Error("unauthorized"));
}
