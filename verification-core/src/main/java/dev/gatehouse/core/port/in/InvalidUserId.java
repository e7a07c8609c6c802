package dev.gatehouse.core.port.in;

import java.util.Objects;

/**
 * The user id typed is malformed (empty, too long, spaces, control characters); the reason says which.
 *
 * @param reason what is wrong with it, readable by the member or admin who typed it
 */
public record InvalidUserId(String reason) implements RequestVerification.RequestResult, AdministerGuild.LinkResult,
        ImportDirectory.RemoveUserResult, ManagePersonalData.ExportResult, ManagePersonalData.EraseResult {
    public InvalidUserId {
        Objects.requireNonNull(reason, "reason");
    }
}
