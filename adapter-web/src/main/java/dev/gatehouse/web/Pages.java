package dev.gatehouse.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the Thymeleaf templates under {@code dev/gatehouse/web/views/} into HTML responses. Thymeleaf
 * escapes every {@code th:text}, so names from the directory show as text whatever they contain.
 */
@Singleton
final class Pages {
    static final MediaType HTML = MediaType.of("text/html;charset=utf-8");

    private final TemplateEngine engine;
    private final Messages messages;
    private final Stylesheet stylesheet;
    private final SecurityHeaders headers;

    Pages(Messages messages, Stylesheet stylesheet, SecurityHeaders headers) {
        this.messages = messages;
        this.stylesheet = stylesheet;
        this.headers = headers;
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
        templates.setPrefix("dev/gatehouse/web/views/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        templates.setCacheable(true);
        templates.setCheckExistence(true);
        this.engine = new TemplateEngine();
        engine.setTemplateResolver(templates);
        engine.setMessageResolver(new BundleMessageResolver(messages));
    }

    MutableHttpResponse<String> render(Page page) {
        Map<String, Object> model = new HashMap<>(page.model());
        model.put("stylesheet", stylesheet.text());
        String html = engine.process(page.template(), new Context(page.language(), model));
        MutableHttpResponse<String> response = HttpResponse.<String>status(page.status()).body(html).contentType(HTML)
                .header(HttpHeaders.CONTENT_LANGUAGE, page.language().toLanguageTag());
        page.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds(wait))));
        headers.apply(response);
        return response;
    }

    Messages messages() {
        return messages;
    }

    /** Whole seconds, rounded up and at least one, as {@code Retry-After} wants them. */
    static long seconds(Duration wait) {
        long millis = Math.max(wait.toMillis(), 1);
        return (millis + 999) / 1000;
    }

    /** Lets templates use {@code #{key(args)}} with the same bundle and formatting as the Java code. */
    private static final class BundleMessageResolver implements IMessageResolver {
        private final Messages messages;

        BundleMessageResolver(Messages messages) {
            this.messages = messages;
        }

        @Override
        public String getName() {
            return "gatehouse-messages";
        }

        @Override
        public Integer getOrder() {
            return 0;
        }

        @Override
        public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] messageParameters) {
            Optional<String> message = messages.find(context.getLocale(), key, messageParameters);
            return message.orElse(null);
        }

        @Override
        public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                                                        Object[] messageParameters) {
            return "??" + key + "??";
        }
    }
}
