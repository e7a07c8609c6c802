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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /handoff/{tenant}/callback}: the organisation's site sends back the token it signed after
 * authenticating the member. The body is read up to {@value #MAX_BODY_BYTES} bytes and no further; the core
 * checks the rest. Answers are JSON for the site's developers, never an echo of the token; {@link ErrorPages} answers
 * in JSON too for anything thrown here. Created at start-up, so an application that provides no
 * {@link CompleteHandoff} bean fails to start.
 */
@Context
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class HandoffController {
    /** A callback is one token of at most a few kilobytes; anything much larger is refused unread. */
    static final int MAX_BODY_BYTES = 8 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HandoffController.class);

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
    HttpResponse<String> callback(@PathVariable String tenant, HttpRequest<?> request, @Nullable @Body InputStream body) {
        Optional<byte[]> bytes;
        try (InputStream in = body == null ? InputStream.nullInputStream() : body) {
            if (request.getContentLength() > MAX_BODY_BYTES) {
                return replies.tooLarge(MAX_BODY_BYTES);
            }
            bytes = readAtMost(in, MAX_BODY_BYTES);
        } catch (IOException e) {
            LOG.debug("a hand-off callback body could not be read", e);
            return replies.unreadableBody();
        }
        if (bytes.isEmpty()) {
            return replies.tooLarge(MAX_BODY_BYTES);
        }
        Extracted extracted = CallbackBody.extract(request.getContentType(), bytes.get(), json);
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

    /** The whole body if it has at most {@code limit} bytes; empty if it has more (the rest is left unread). */
    private static Optional<byte[]> readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > limit) {
                return Optional.empty();
            }
        }
        return Optional.of(out.toByteArray());
    }
}
