using OzgLive.Web.Questions;

namespace OzgLive.Web.Replay.Exports;

/// <summary>
/// A replay's transcript as the public sees it, arranged once for every export and the print view, so
/// that Markdown, CSV, JSON and the printout cannot disagree about what is shown: only
/// <see cref="ReplayModel.Questions"/> (hidden questions left out), names only where given, rejected
/// questions as counts only, every time a position in the recording (offset applied).
/// </summary>
public sealed record TranscriptDocument(
    ReplayModel Model,
    IReadOnlyList<DocumentChapter> Chapters,
    DocumentSummary Summary,
    IReadOnlyList<DocumentBlock> Blocks)
{
    public IEnumerable<DocumentQuestion> Questions => Blocks.SelectMany(b => b.Questions);

    public static TranscriptDocument From(ReplayModel model)
    {
        var chapters = model.Transcript.Chapters
            .Select(c => new DocumentChapter(c.BlockNumber, c.Title, model.RecordingPosition(c.StartSeconds), model.RecordingPosition(c.EndSeconds)))
            .ToList();
        var questions = model.Questions.Select(q => DocumentQuestion.From(model, q)).ToList();

        // Every planned block gets a section (a block without questions says so); blocks that were held
        // carry their chapter's title and time; questions of a block that no longer exists come last.
        var numbers = model.Event.Blocks.Select(b => b.Number)
            .Concat(chapters.Select(c => c.BlockNumber))
            .Concat(questions.Where(q => q.BlockNumber is not null).Select(q => q.BlockNumber!.Value))
            .Distinct()
            .Order()
            .ToList();
        var blocks = numbers
            .Select(n => new DocumentBlock(
                n,
                chapters.FirstOrDefault(c => c.BlockNumber == n)?.Title ?? model.Event.Blocks.FirstOrDefault(b => b.Number == n)?.Title ?? "",
                chapters.FirstOrDefault(c => c.BlockNumber == n),
                questions.Where(q => q.BlockNumber == n).ToList()))
            .ToList();
        var unassigned = questions.Where(q => q.BlockNumber is null).ToList();
        if (unassigned.Count > 0)
        {
            blocks.Add(new DocumentBlock(null, "", null, unassigned));
        }

        var counts = model.Transcript.Counts;
        var summary = new DocumentSummary(
            counts.Received,
            questions.Count(q => q.Outcome == TranscriptOutcome.AnsweredLive),
            questions.Count(q => q.Outcome == TranscriptOutcome.AnsweredInWriting),
            questions.Count(q => q.Outcome == TranscriptOutcome.Open),
            counts.NotReviewed,
            counts.Merged,
            model.Transcript.Questions.Count - model.Questions.Count,
            counts.Rejected,
            counts.RejectedTotal)
        {
            ReceivedByChannel = counts.ReceivedByChannel,
        };
        return new TranscriptDocument(model, chapters, summary, blocks);
    }
}

/// <summary>A held block as a chapter of the recording; seconds are recording positions.</summary>
public sealed record DocumentChapter(int BlockNumber, string Title, int StartSeconds, int EndSeconds)
{
    public string Start => RecordingTime.Format(StartSeconds);
}

/// <param name="HiddenInReview">Questions hidden in the privacy review: a number, so the summary still adds up.</param>
public sealed record DocumentSummary(
    int Received,
    int AnsweredLive,
    int AnsweredInWriting,
    int Open,
    int NotReviewed,
    int Merged,
    int HiddenInReview,
    IReadOnlyDictionary<RejectReason, int> Rejected,
    int RejectedTotal)
{
    public int RejectedFor(RejectReason reason) => Rejected.TryGetValue(reason, out var n) ? n : 0;

    /// <summary>Received questions by channel, most first (ModerationCounts.ReceivedByChannel).</summary>
    public IReadOnlyList<(string Channel, int Received)> ReceivedByChannel { get; init; } = [];
}

/// <param name="Number">Null for questions that belong to no block.</param>
public sealed record DocumentBlock(int? Number, string Title, DocumentChapter? Chapter, IReadOnlyList<DocumentQuestion> Questions);

/// <param name="Number">The question's number in its event (#3), the same on every screen and file.</param>
/// <param name="RecordingSeconds">Where the recording shows the question being taken up (put on stage); null when it never was.</param>
public sealed record DocumentQuestion(
    long Id,
    int Number,
    int? BlockNumber,
    string Text,
    string? Name,
    string? Organisation,
    int Votes,
    TranscriptOutcome Outcome,
    int? RecordingSeconds,
    string? Answer,
    string? AnswerBy,
    DateTimeOffset? AnswerAt,
    string Channel = Channels.QuestionChannel.Live)
{
    public string? RecordingTime => RecordingSeconds is int s ? Replay.RecordingTime.Format(s) : null;

    public static DocumentQuestion From(ReplayModel model, TranscriptQuestion q)
    {
        var answer = string.IsNullOrWhiteSpace(q.PublishedAnswer) ? null : q.PublishedAnswer;
        return new DocumentQuestion(
            q.QuestionId,
            q.Number,
            q.BlockNumber,
            q.Text,
            // A name removed in the review stays removed, even if a row still carried one.
            q.NameRemoved ? null : Given(q.DisplayName),
            q.NameRemoved ? null : Given(q.Organisation),
            q.Votes,
            q.Outcome,
            q.JumpSeconds is int jump ? model.RecordingPosition(jump) : null,
            answer,
            answer is null ? null : Given(q.AnswerBy),
            answer is null ? null : q.AnswerAt,
            q.Channel);
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
