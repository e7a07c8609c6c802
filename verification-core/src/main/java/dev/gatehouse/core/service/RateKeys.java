package dev.gatehouse.core.service;

import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.TenantId;

/** The rate-limit keys, in one place so every store sees the same names. */
final class RateKeys {
    private RateKeys() {
    }

    static String requester(TenantId tenant, DiscordUserId requester) {
        return "verify:" + tenant + ":" + requester;
    }

    static String mailbox(TenantId tenant, DirectoryUserId user) {
        return "mailbox:" + tenant + ":" + user;
    }

    static String tenant(TenantId tenant) {
        return "tenant:" + tenant;
    }

    static String denial(TenantId tenant, DiscordUserId requester, DirectoryUserId user) {
        return "denied:" + tenant + ":" + requester + ":" + user;
    }

    static String wrongAnswers(TenantId tenant, DiscordUserId member) {
        return "wrong-answers:" + tenant + ":" + member;
    }

    static String linkFailures(ClientIp client) {
        return "link-failures:" + client.subscriberPrefix();
    }
}
