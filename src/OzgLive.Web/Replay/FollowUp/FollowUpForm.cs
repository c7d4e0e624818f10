namespace OzgLive.Web.Replay.FollowUp;

/// <summary>What one answer form on the follow-up page posts. All text, so nothing fails in binding.</summary>
public sealed class FollowUpForm
{
    /// <summary>The value of the "Antwort von" choice meaning "someone else, named in <see cref="AnswerByOther"/>".</summary>
    public const string Other = "__andere";

    public string? Text { get; set; }

    public string? AnswerBy { get; set; }

    public string? AnswerByOther { get; set; }

    public string? Version { get; set; }

    /// <summary>The button pressed: "draft", "publish" or "unpublish".</summary>
    public string? Action { get; set; }

    public static FollowUpForm From(TranscriptQuestion q, IReadOnlyList<string> choices) => new()
    {
        Text = q.AnswerText,
        AnswerBy = q.AnswerBy is null ? choices.FirstOrDefault() : choices.Contains(q.AnswerBy) ? q.AnswerBy : Other,
        AnswerByOther = q.AnswerBy is not null && !choices.Contains(q.AnswerBy) ? q.AnswerBy : null,
        Version = q.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public FollowUpAction? ParsedAction => Action switch
    {
        "draft" => FollowUpAction.SaveDraft,
        "publish" => FollowUpAction.Publish,
        "unpublish" => FollowUpAction.Unpublish,
        _ => null,
    };

    public string? ResolvedAnswerBy => AnswerBy == Other ? AnswerByOther : AnswerBy;
}
