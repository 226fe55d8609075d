/**
 * The Java lane's web stack (lane-abi/OPS.md, "Requests"): the three endpoints
 * as a Spring Boot application (Spring MVC, Jackson 3 as Boot 4 configures it)
 * on Jetty, served tier by tier without sockets. {@link dev.crossbench.lane.java.web.JavaWebStack}
 * is the lane's way in; each app (equalised, as-written) starts once, on the
 * first http op that needs it, so forks that run no request benchmark never
 * start Spring.
 */
package dev.crossbench.lane.java.web;
