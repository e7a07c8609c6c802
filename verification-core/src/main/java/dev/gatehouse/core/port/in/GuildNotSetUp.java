package dev.gatehouse.core.port.in;

/** The server is not bound to a tenant yet; admins must run setup (or ask the operator to bind it). */
public record GuildNotSetUp() implements RequestVerification.RequestResult, WelcomeMembers.JoinResult,
        AdministerGuild.ConfigureResult, AdministerGuild.StatusResult, AdministerGuild.WhoisResult,
        AdministerGuild.LinkResult, AdministerGuild.UnlinkResult, AdministerGuild.MembersResult, AdministerGuild.UnbindResult,
        ReviewWrongAnswers.TopResult, ReviewWrongAnswers.ClearResult, ImportDirectory.RemoveUserResult,
        ManagePersonalData.ExportResult, ManagePersonalData.EraseResult,
        RemoveUnverifiedMembers.PresentResult {
}
