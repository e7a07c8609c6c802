package dev.gatehouse.app;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerTenants;
import dev.gatehouse.core.port.in.CompleteHandoff;
import dev.gatehouse.core.port.in.ExpireSessions;
import dev.gatehouse.core.port.in.GateMessages;
import dev.gatehouse.core.port.in.InspectOutbox;
import dev.gatehouse.core.port.in.PurgeOldRecords;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.in.SignInWithProvider;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.WelcomeMembers;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.VerificationMailer;
import dev.gatehouse.mail.VerificationMailers;
import dev.gatehouse.web.JoseHandoffTokens;
import dev.gatehouse.web.WebSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Wires the core: the PostgreSQL stores, the mailer from {@code gatehouse.smtp}, links under
 * {@code gatehouse.web.public-base-url}, hand-off tokens signed with Nimbus JOSE, and the in-ports the adapters drive, each counted by {@link GatehouseMetrics}.
 */
@Factory
class CoreFactory {

    @Singleton
    VerificationMailer mailer(MailConfiguration mail, GatehouseMetrics metrics) {
        return metrics.countingFailures(VerificationMailers.fromSettings(mail.settings()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    Gatehouse gatehouse(Stores stores, VerificationMailer mailer, MailConfiguration mail, WebSettings web) {
        return Gatehouse.builder()
                .stores(stores)
                .mailer(mailer)
                .mailQueue(mail.queue())
                .publicBaseUrl(web.publicBaseUrl())
                .handoffTokens(new JoseHandoffTokens())
                .build();
    }

    @Singleton
    RequestVerification requestVerification(Gatehouse gatehouse, GatehouseMetrics metrics) {
        return metrics.counting(gatehouse.requestVerification());
    }

    @Singleton
    ReviewVerification reviewVerification(Gatehouse gatehouse, GatehouseMetrics metrics) {
        return metrics.counting(gatehouse.reviewVerification());
    }

    @Singleton
    CompleteHandoff completeHandoff(Gatehouse gatehouse, GatehouseMetrics metrics) {
        return metrics.counting(gatehouse.completeHandoff());
    }

    @Singleton
    SignInWithProvider signInWithProvider(Gatehouse gatehouse) {
        return gatehouse.signInWithProvider();
    }

    @Singleton
    ReviewWrongAnswers reviewWrongAnswers(Gatehouse gatehouse) {
        return gatehouse.wrongAnswers();
    }

    @Singleton
    GateMessages gateMessages(Gatehouse gatehouse, GatehouseMetrics metrics) {
        return metrics.counting(gatehouse.gate());
    }

    @Singleton
    ExpireSessions expireSessions(Gatehouse gatehouse, GatehouseMetrics metrics) {
        return metrics.counting(gatehouse.expiry());
    }

    @Singleton
    PurgeOldRecords purgeOldRecords(Gatehouse gatehouse) {
        return gatehouse.retention();
    }

    @Singleton
    WelcomeMembers welcomeMembers(Gatehouse gatehouse) {
        return gatehouse.welcome();
    }

    @Singleton
    AdministerGuild administerGuild(Gatehouse gatehouse) {
        return gatehouse.administration();
    }

    @Singleton
    AdministerTenants administerTenants(Gatehouse gatehouse) {
        return gatehouse.tenants();
    }

    @Singleton
    InspectOutbox inspectOutbox(Gatehouse gatehouse) {
        return gatehouse.outbox();
    }
}
