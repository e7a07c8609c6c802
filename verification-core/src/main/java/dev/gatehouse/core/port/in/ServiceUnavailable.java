package dev.gatehouse.core.port.in;

/** A store or service the use case needs is down; nothing was changed, and trying again later will work. */
public record ServiceUnavailable() implements RequestVerification.RequestResult, ReviewVerification.PreviewResult,
        ReviewVerification.ConfirmResult, ReviewVerification.DenyResult, WelcomeMembers.JoinResult,
        AdministerGuild.BindResult, AdministerGuild.ConfigureResult, AdministerGuild.StatusResult,
        AdministerGuild.WhoisResult, AdministerGuild.LinkResult, AdministerGuild.UnlinkResult,
        AdministerGuild.MembersResult, CompleteHandoff.HandoffResult, ReviewWrongAnswers.TopResult,
        ReviewWrongAnswers.ClearResult, AdministerTenants.CreateResult, AdministerTenants.ChangeResult,
        AdministerTenants.ListResult, AdministerTenants.DescribeResult, AdministerTenants.DeleteResult,
        AdministerTenants.LinksResult, AdministerGuild.UnbindResult, ImportDirectory.ImportResult,
        ImportDirectory.SyncResult, ImportDirectory.RemoveUserResult,
        SignInWithProvider.PreviewResult, SignInWithProvider.BeginResult, SignInWithProvider.AwaitResult,
        SignInWithProvider.SignInResult, ManagePersonalData.ExportResult, ManagePersonalData.EraseResult,
        RemoveUnverifiedMembers.PresentResult {
}
