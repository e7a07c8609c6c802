package dev.gatehouse.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/**
 * {@code GET /health}: 200 {@code {"status":"UP"}} while the web server answers. It says nothing about the
 * database. Set {@code gatehouse.web.health.enabled=false} where micronaut-management provides {@code /health}.
 */
@Controller
@Requires(property = "gatehouse.web.health.enabled", notEquals = "false")
final class HealthController {
    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
