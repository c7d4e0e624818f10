namespace OzgLive.Web.Questions;

/// <summary>A moderation action refused because of the question's state, its version or the input.</summary>
public sealed class QuestionException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// Which status changes the queue allows. The main path is pending → approved → on stage →
/// answered; pending or approved may be rejected; rejected and answered questions may be reopened.
/// </summary>
public static class QuestionRules
{
    public static void RequireVersion(Question question, long expectedVersion)
    {
        if (question.Version != expectedVersion)
        {
            throw new QuestionException(
                "stale",
                $"Diese Frage wurde inzwischen geändert (Stand {question.Version}, Ihre Ansicht {expectedVersion}). Die Ansicht wird aktualisiert; bitte prüfen und erneut versuchen.");
        }
    }

    public static void RequireStatus(Question question, string action, params QuestionStatus[] allowed)
    {
        if (!allowed.Contains(question.Status))
        {
            throw new QuestionException(
                "invalid-transition",
                $"Eine Frage im Zustand „{German(question.Status)}“ kann nicht {action} werden.");
        }
    }

    /// <summary>Reopening sends a rejected question back to the queue and an answered one back to the approved list.</summary>
    public static QuestionStatus ReopenedStatus(QuestionStatus status) => status switch
    {
        QuestionStatus.Rejected => QuestionStatus.Pending,
        QuestionStatus.Answered => QuestionStatus.Approved,
        _ => throw new QuestionException("invalid-transition", $"Eine Frage im Zustand „{German(status)}“ kann nicht wieder geöffnet werden."),
    };

    public static string German(QuestionStatus status) => status switch
    {
        QuestionStatus.Pending => "wartet auf Freigabe",
        QuestionStatus.Approved => "freigegeben",
        QuestionStatus.OnStage => "auf der Bühne",
        QuestionStatus.Answered => "beantwortet",
        QuestionStatus.Rejected => "abgelehnt",
        QuestionStatus.Withdrawn => "zurückgezogen",
        QuestionStatus.Merged => "zusammengeführt",
        _ => status.ToString(),
    };
}
