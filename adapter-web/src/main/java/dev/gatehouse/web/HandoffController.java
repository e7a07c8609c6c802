package dev.gatehouse.web;

import dev.gatehouse.core.port.in.CompleteHandoff;
import dev.gatehouse.core.port.in.CompleteHandoff.CallbackCommand;
import dev.gatehouse.web.CallbackBody.Extracted;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code POST /handoff/{tenant}/callback}: the organisation's site sends back the token it signed after
 * authenticating the member. The body is buffered by the server before a worker thread is taken, so a client
 * that trickles it holds no thread (and {@link RequestReadDeadline} ends it); over {@value #MAX_BODY_BYTES}
 * bytes is refused. The core checks the rest. Answers are JSON for the site's developers, never an echo of the token; {@link ErrorPages} answers
 * in JSON too for anything thrown here. Created at start-up, so an application that provides no
 * {@link CompleteHandoff} bean fails to start.
 */
@Context
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class HandoffController {
    /** A callback is one token of at most a few kilobytes; anything much larger is refused unread. */
    static final int MAX_BODY_BYTES = 8 * 1024;


    private final CompleteHandoff handoff;
    private final ClientAddresses clients;
    private final CallbackReplies replies;
    private final JsonMapper json;

    HandoffController(CompleteHandoff handoff, ClientAddresses clients, CallbackReplies replies, JsonMapper json) {
        this.handoff = handoff;
        this.clients = clients;
        this.replies = replies;
        this.json = json;
    }

    @Post(uri = "/handoff/{tenant}/callback", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> callback(@PathVariable String tenant, HttpRequest<?> request, @Nullable @Body byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (request.getContentLength() > MAX_BODY_BYTES || bytes.length > MAX_BODY_BYTES) {
            return replies.tooLarge(MAX_BODY_BYTES);
        }
        Extracted extracted = CallbackBody.extract(request.getContentType(), bytes, json);
        if (extracted instanceof Extracted.UnsupportedType) {
            return replies.unsupportedType();
        }
        if (extracted instanceof Extracted.Unreadable) {
            return replies.unreadableBody();
        }
        if (extracted instanceof Extracted.NoSingleToken) {
            return replies.missingToken();
        }
        String token = ((Extracted.Found) extracted).token();
        return replies.of(handoff.complete(new CallbackCommand(tenant, token, clients.of(request))));
    }
}
