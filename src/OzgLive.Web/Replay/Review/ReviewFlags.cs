namespace OzgLive.Web.Replay.Review;

/// <summary>Where in a transcript question a flag was found.</summary>
public enum ReviewField
{
    Text,
    Name,
    Organisation,
    Answer,
}

public sealed record ReviewFlag(ReviewField Field, PersonalDataFlag Flag);

/// <summary>The personal-data check applied to what a transcript would publish.</summary>
public static class ReviewFlags
{
    /// <summary>
    /// The flags in one question: its text, the asker's name and organisation (a name field holding
    /// an e-mail address or phone number is a flag) and the written answer the public would read.
    /// </summary>
    public static IReadOnlyList<ReviewFlag> For(TranscriptQuestion question)
    {
        var flags = new List<ReviewFlag>();
        Add(flags, ReviewField.Text, question.Text);
        Add(flags, ReviewField.Name, question.DisplayName);
        Add(flags, ReviewField.Organisation, question.Organisation);
        Add(flags, ReviewField.Answer, question.PublishedAnswer);
        return flags;
    }

    /// <summary>Flags that would reach the public: hidden questions no longer count.</summary>
    public static int Unresolved(Transcript transcript) => transcript.Visible.Sum(q => For(q).Count);

    private static void Add(List<ReviewFlag> flags, ReviewField field, string? text) =>
        flags.AddRange(PersonalDataCheck.Find(text).Select(f => new ReviewFlag(field, f)));
}
