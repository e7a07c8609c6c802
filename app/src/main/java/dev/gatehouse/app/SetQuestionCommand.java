package dev.gatehouse.app;

import dev.gatehouse.core.model.TenantChange;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.port.in.AdministerTenants.ChangeTenant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tenant question}: the question members answer before they verify. */
@Command(name = "question", description = {"Set the question members answer first.",
    "Servers may set their own; answers are separated by |. --clear removes it."})
final class SetQuestionCommand implements Callable<Integer> {
    private final OperatorCli cli;

    @Parameters(index = "0", paramLabel = "<id>", description = "The tenant.")
    TenantId tenant;

    @Option(names = "--text", paramLabel = "<question>", description = "The question.")
    String text;

    @Option(names = "--answers", paramLabel = "<a|b|c>", description = "The accepted answers.")
    String answers;

    @Option(names = "--clear", description = "Ask no question.")
    boolean clear;

    SetQuestionCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Optional<VerificationQuestion> question = question();
        return cli.withGatehouse((gatehouse, context) -> TenantReplies.changed(gatehouse.tenants().change(
                new ChangeTenant(tenant, List.of(new TenantChange.Question(question)))), cli.out(), cli.err(), updated ->
                cli.out().println(question.map(q -> "Tenant " + tenant + " asks \"" + q.prompt() + "\" and accepts "
                        + q.acceptedAnswers().size() + " answer(s), ignoring case, spaces and punctuation.")
                        .orElse("Tenant " + tenant + " asks no question."))));
    }

    private Optional<VerificationQuestion> question() {
        if (clear) {
            if (text != null || answers != null) {
                throw new OperatorCli.UsageException("--clear takes no --text or --answers");
            }
            return Optional.empty();
        }
        if (text == null) {
            throw new OperatorCli.UsageException("tenant question needs --text \"...\" and --answers \"a|b\", or --clear");
        }
        if (answers == null) {
            throw new OperatorCli.UsageException("tenant question needs --answers \"a|b\"");
        }
        return Optional.of(OperatorCli.parse(() -> new VerificationQuestion(text, VerificationQuestion.splitAnswers(answers))));
    }
}
