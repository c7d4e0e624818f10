namespace OzgLive.Web.Polls;

// The records below are part of the hub's wire format (JSON, camelCase, enums as camelCase strings)
// and of the exports; docs/hub-protocol.md ("Polls") shows each. Change both together.

public enum PollKind
{
    /// <summary>One of the options.</summary>
    Single,

    /// <summary>Up to <see cref="Poll.MaxChoices"/> of the options.</summary>
    Multiple,

    /// <summary>A number from 1 to <see cref="Poll.ScaleMax"/> (5 or 10), with labels at both ends.</summary>
    Rating,

    /// <summary>One to <see cref="Poll.MaxChoices"/> short words, counted after normalising.</summary>
    WordCloud,

    /// <summary>A free text, shown once a moderator approved it (like a question).</summary>
    Text,
}

public enum PollState
{
    Prepared,
    Open,
    Closed,
}

public enum PollResultsMode
{
    /// <summary>Viewers see the results once a moderator reveals them (against herd answers).</summary>
    Hidden,

    /// <summary>Viewers see the results while the answers come in.</summary>
    Live,
}

public static class PollEnums
{
    public static string ToDb(this PollKind kind) => kind.ToString().ToLowerInvariant();

    public static string ToDb(this PollState state) => state.ToString().ToLowerInvariant();

    public static string ToDb(this PollResultsMode mode) => mode.ToString().ToLowerInvariant();

    public static T Parse<T>(string stored)
        where T : struct, Enum => Enum.Parse<T>(stored, ignoreCase: true);

    /// <summary>Whether the audience (viewers, presenter screen) may see a poll's results now.</summary>
    public static bool ResultsPublic(PollState state, PollResultsMode mode, bool revealed) =>
        state != PollState.Prepared && (mode == PollResultsMode.Live || revealed);

    public static bool HasOptions(this PollKind kind) => kind is PollKind.Single or PollKind.Multiple;
}

public sealed record PollOption(int Number, string Text);

/// <summary>A poll as stored, with its options.</summary>
public sealed record Poll(
    long Id,
    long EventId,
    int? BlockNumber,
    int Position,
    PollKind Kind,
    string Question,
    int MaxChoices,
    int? ScaleMax,
    string? LowLabel,
    string? HighLabel,
    PollResultsMode ResultsMode,
    bool Revealed,
    PollState State,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? ClosedAt,
    long Version,
    IReadOnlyList<PollOption> Options)
{
    /// <summary>Whether viewers may see the results now.</summary>
    public bool ResultsPublic => PollEnums.ResultsPublic(State, ResultsMode, Revealed);
}

/// <summary>One line of the results: an option, a rating value, a word or an approved text.</summary>
/// <param name="Key">The option number, the rating value, the normalised word, or the text answer's id.</param>
public sealed record PollResultItem(string Key, string Label, int Count);

/// <summary>An answer waiting for a moderator: a text answer, or a word held by the word list.</summary>
public sealed record PendingPollAnswer(long AnswerId, string Text, string? HeldReason);

/// <summary>The counted answers of one poll, read from the stored rows.</summary>
/// <param name="Respondents">Viewers who answered (each counted once, however many items they chose).</param>
/// <param name="Items">Options and ratings in order (zero counts included); words by count; approved texts in order.</param>
/// <param name="HiddenWords">Word-cloud words a moderator hid (moderators only; empty for everyone else).</param>
/// <param name="Pending">Answers waiting for a moderator (moderators only; empty for everyone else).</param>
public sealed record PollResults(
    long PollId,
    int Respondents,
    IReadOnlyList<PollResultItem> Items,
    IReadOnlyList<string> HiddenWords,
    IReadOnlyList<PendingPollAnswer> Pending)
{
    /// <summary>What the audience may see: without the moderators' parts.</summary>
    public PollResults ForAudience() => this with { HiddenWords = [], Pending = [] };

    /// <summary>The mean of a rating poll, or null.</summary>
    public double? Mean()
    {
        var total = Items.Sum(i => i.Count);
        return total == 0 ? null : Items.Sum(i => int.Parse(i.Key, System.Globalization.CultureInfo.InvariantCulture) * (double)i.Count) / total;
    }
}

/// <summary>A poll as a client sees it. <see cref="Results"/> is null where the caller may not see them yet.</summary>
public sealed record PollView(
    long Id,
    int? BlockNumber,
    PollKind Kind,
    string Question,
    IReadOnlyList<PollOption> Options,
    int MaxChoices,
    int? ScaleMax,
    string? LowLabel,
    string? HighLabel,
    PollState State,
    PollResultsMode ResultsMode,
    bool Revealed,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? ClosedAt,
    long Version,
    PollResults? Results)
{
    /// <summary>Whether the audience may see the results now (a moderator's copy has them anyway).</summary>
    public bool ResultsPublic => PollEnums.ResultsPublic(State, ResultsMode, Revealed);

    public static PollView From(Poll p, PollResults? results) => new(
        p.Id, p.BlockNumber, p.Kind, p.Question, p.Options, p.MaxChoices, p.ScaleMax, p.LowLabel, p.HighLabel,
        p.State, p.ResultsMode, p.Revealed, p.OpenedAt, p.ClosesAt, p.ClosedAt, p.Version, results);

    /// <summary>The audience's view: results only when public, and without the moderators' parts.</summary>
    public static PollView ForAudience(Poll p, PollResults results) => From(p, p.ResultsPublic ? results.ForAudience() : null);
}

/// <summary>A viewer's answer: the fields that fit the poll's kind, the others null.</summary>
/// <param name="Choices">Single and multiple choice: option numbers.</param>
/// <param name="Rating">Rating: 1…scale.</param>
/// <param name="Words">Word cloud: 1…maxChoices words of 1–40 characters.</param>
/// <param name="Text">Text: 3–280 characters.</param>
public sealed record PollAnswer(int[]? Choices, int? Rating, string[]? Words, string? Text);

/// <summary>The identified viewer's own answer to one poll (snapshot's <c>myPollAnswers</c>, answer to AnswerPoll).</summary>
public sealed record MyPollAnswer(long PollId, PollAnswer Answer);

/// <summary>Numbered (both streams): a poll was prepared, changed, opened, closed or revealed. Viewers never get prepared polls.</summary>
public sealed record PollChanged(long EventId, long Seq, PollView Poll);

/// <summary>Moderators' stream (numbered by modSeq): a prepared poll was deleted.</summary>
public sealed record PollRemoved(long EventId, long Seq, long PollId);

/// <summary>Not numbered, coalesced: the current results of one poll (absolute values: the last one received is right).</summary>
public sealed record PollResultsChanged(long EventId, long PollId, PollResults Results);

public static class PollMessageNames
{
    public const string PollChanged = nameof(PollChanged);
    public const string PollRemoved = nameof(PollRemoved);
    public const string PollResultsChanged = nameof(PollResultsChanged);
}

/// <summary>A refused poll action, with the code clients branch on (docs/hub-protocol.md, "Errors").</summary>
public sealed class PollException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static PollException NotFound() => new("poll-not-found", "Diese Umfrage gibt es in dieser Veranstaltung nicht.");

    public static PollException Invalid(string message) => new("invalid-answer", message);
}
