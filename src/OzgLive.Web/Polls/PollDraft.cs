namespace OzgLive.Web.Polls;

/// <summary>A poll as an organiser prepares it (the organisers' form, copying from another event, demo content).</summary>
public sealed record PollDraft(
    int? BlockNumber,
    PollKind Kind,
    string Question,
    IReadOnlyList<string> Options,
    int MaxChoices = 1,
    int? ScaleMax = null,
    string? LowLabel = null,
    string? HighLabel = null,
    PollResultsMode ResultsMode = PollResultsMode.Hidden)
{
    public const int MaxQuestionLength = 300;
    public const int MaxOptionLength = 120;
    public const int MaxOptions = 10;
    public const int MaxLabelLength = 40;

    public static PollDraft From(Poll p) => new(
        p.BlockNumber, p.Kind, p.Question, [.. p.Options.Select(o => o.Text)], p.MaxChoices, p.ScaleMax, p.LowLabel, p.HighLabel, p.ResultsMode);

    /// <summary>The draft cleaned up, or what is wrong with it (German, for the form).</summary>
    public PollDraft Checked()
    {
        var question = Questions.QuestionText.Clean(Question);
        if (question.Length is < 3 or > MaxQuestionLength)
        {
            throw Refused($"Die Frage der Umfrage muss 3 bis {MaxQuestionLength} Zeichen haben.");
        }

        var options = Options.Select(Questions.QuestionText.Clean).Where(o => o.Length > 0).ToList();
        if (Kind.HasOptions())
        {
            if (options.Count is < 2 or > MaxOptions)
            {
                throw Refused($"Eine Auswahlumfrage braucht 2 bis {MaxOptions} Antwortmöglichkeiten.");
            }

            if (options.Any(o => o.Length > MaxOptionLength))
            {
                throw Refused($"Eine Antwortmöglichkeit darf höchstens {MaxOptionLength} Zeichen haben.");
            }
        }
        else
        {
            options = [];
        }

        var maxChoices = Kind switch
        {
            PollKind.Single or PollKind.Rating or PollKind.Text => 1,
            PollKind.Multiple when MaxChoices < 1 || MaxChoices > options.Count => throw Refused($"Bei Mehrfachauswahl sind 1 bis {options.Count} Antworten erlaubt."),
            PollKind.WordCloud when MaxChoices is < 1 or > 3 => throw Refused("Für eine Wortwolke sind 1 bis 3 Wörter je Person erlaubt."),
            _ => MaxChoices,
        };
        if (Kind == PollKind.Rating && ScaleMax is not (5 or 10))
        {
            throw Refused("Eine Bewertungsskala reicht von 1 bis 5 oder von 1 bis 10.");
        }

        string? Label(string? label) =>
            Kind != PollKind.Rating || string.IsNullOrWhiteSpace(label) ? null
            : Questions.QuestionText.Clean(label) is { Length: <= MaxLabelLength } clean ? clean
            : throw Refused($"Eine Beschriftung der Skala darf höchstens {MaxLabelLength} Zeichen haben.");

        return this with
        {
            Question = question,
            Options = options,
            MaxChoices = maxChoices,
            ScaleMax = Kind == PollKind.Rating ? ScaleMax : null,
            LowLabel = Label(LowLabel),
            HighLabel = Label(HighLabel),
        };
    }

    private static PollException Refused(string message) => new("invalid-argument", message);
}
