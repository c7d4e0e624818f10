using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Localization;
using OzgLive.Web.Channels;
using OzgLive.Web.Events;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Replay.Exports;

/// <summary>The transcript as Markdown, CSV (for German Excel) and JSON; all three from one <see cref="TranscriptDocument"/>.</summary>
public static class TranscriptExport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // Umlauts as they are: the file is read by people as much as by programs.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Outcome(IStringLocalizer<ExportTexts> t, TranscriptOutcome outcome) => t["Outcome_" + outcome];

    public static string Reason(IStringLocalizer<ExportTexts> t, RejectReason reason) => t["Reason_" + reason];

    public static string BlockHeading(IStringLocalizer<ExportTexts> t, DocumentBlock block) =>
        block.Number is int n ? t["Block_Heading", n, block.Title] : t["Block_Unassigned"];

    /// <summary>"Name, Organisation", or whichever of the two was given; null when neither was.</summary>
    public static string? Asker(DocumentQuestion q) =>
        q.Name is null && q.Organisation is null ? null : string.Join(", ", new[] { q.Name, q.Organisation }.Where(s => s is not null));

    /// <summary>The date of the broadcast in Berlin, ISO (2026-04-01).</summary>
    public static string IsoDate(DateTimeOffset utc) => BerlinTime.ToBerlin(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Markdown(TranscriptDocument doc, IStringLocalizer<ExportTexts> t, IStringLocalizer<ChannelTexts> channels, string replayUrl, CultureInfo culture)
    {
        var ev = doc.Model.Event;
        var md = new StringBuilder();
        md.Append("# ").Append(MarkdownText.Inline(t["Export_Title", ev.Title])).Append("\n\n");
        if (doc.Model.Preview)
        {
            md.Append("**").Append(MarkdownText.Inline(t["Export_Preview"])).Append("**\n\n");
        }

        md.Append("- ").Append(t["Export_Series"]).Append(": ").Append(MarkdownText.Inline(ev.SeriesTitle)).Append('\n');
        md.Append("- ").Append(t["Export_Date"]).Append(": ").Append(BerlinTime.LongDateTime(doc.Model.Transcript.StreamStartedAt, culture)).Append('\n');
        md.Append("- ").Append(t["Export_ReplayLink"]).Append(": <").Append(replayUrl).Append(">\n\n");

        var s = doc.Summary;
        md.Append("## ").Append(t["Summary_Heading"]).Append("\n\n");
        foreach (var (label, value) in SummaryLines(doc, t, channels))
        {
            md.Append("- ").Append(MarkdownText.Inline(label)).Append(": ").Append(value.ToString(culture)).Append('\n');
        }

        md.Append('\n');
        if (doc.Chapters.Count > 0)
        {
            md.Append("## ").Append(t["Chapters_Heading"]).Append("\n\n");
            foreach (var c in doc.Chapters)
            {
                md.Append("- ").Append(c.Start).Append(' ').Append(MarkdownText.Inline(t["Block_Heading", c.BlockNumber, c.Title])).Append('\n');
            }

            md.Append('\n');
        }

        foreach (var block in doc.Blocks)
        {
            md.Append("## ").Append(MarkdownText.Inline(BlockHeading(t, block)));
            if (block.Chapter is { } chapter)
            {
                md.Append(" (").Append(t["Block_Chapter", chapter.Start]).Append(')');
            }

            md.Append("\n\n");
            if (block.Questions.Count == 0)
            {
                md.Append(t["Block_NoQuestions"]).Append("\n\n");
            }

            foreach (var q in block.Questions)
            {
                md.Append("### ").Append(t["Question_Number", q.Number]).Append("\n\n");
                md.Append(MarkdownText.Quote(q.Text)).Append("\n\n");
                if (Asker(q) is { } asker)
                {
                    md.Append("- ").Append(t["Question_Asker"]).Append(": ").Append(MarkdownText.Inline(asker)).Append('\n');
                }

                md.Append("- ").Append(t["Question_Channel"]).Append(": ").Append(MarkdownText.Inline(QuestionChannel.Label(q.Channel, channels))).Append('\n');
                md.Append("- ").Append(t["Question_Votes"]).Append(": ").Append(q.Votes.ToString(culture)).Append('\n');
                md.Append("- ").Append(t["Question_Outcome"]).Append(": ").Append(Outcome(t, q.Outcome)).Append('\n');
                if (q.RecordingTime is { } at)
                {
                    md.Append("- ").Append(t["Question_Moment"]).Append(": ").Append(at).Append('\n');
                }

                md.Append('\n');
                if (q.Answer is { } answer)
                {
                    md.Append("**").Append(t["Question_Answer"]).Append("**");
                    if (q.AnswerBy is { } by)
                    {
                        md.Append(" (").Append(t["Question_AnswerBy"]).Append(' ').Append(MarkdownText.Inline(by)).Append(')');
                    }

                    md.Append("\n\n").Append(MarkdownText.Quote(answer)).Append("\n\n");
                }
            }
        }

        return md.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>
    /// The summary's lines in the order the page shows them; received questions by channel and rejections
    /// by reason, only those that happened.
    /// </summary>
    public static IEnumerable<(string Label, int Value)> SummaryLines(TranscriptDocument doc, IStringLocalizer<ExportTexts> t, IStringLocalizer<ChannelTexts> channels)
    {
        var s = doc.Summary;
        yield return (t["Summary_Received"], s.Received);
        foreach (var (channel, received) in s.ReceivedByChannel)
        {
            yield return (t["Summary_ReceivedOn", QuestionChannel.Label(channel, channels)], received);
        }

        yield return (t["Summary_AnsweredLive"], s.AnsweredLive);
        yield return (t["Summary_AnsweredInWriting"], s.AnsweredInWriting);
        yield return (t["Summary_Open"], s.Open);
        if (s.NotReviewed > 0)
        {
            yield return (t["Summary_NotReviewed"], s.NotReviewed);
        }

        if (s.Merged > 0)
        {
            yield return (t["Summary_Merged"], s.Merged);
        }

        if (s.HiddenInReview > 0)
        {
            yield return (t["Summary_Hidden"], s.HiddenInReview);
        }

        yield return (t["Summary_Rejected"], s.RejectedTotal);
        foreach (var reason in Enum.GetValues<RejectReason>().Where(r => s.RejectedFor(r) > 0))
        {
            yield return (t["Summary_RejectedReason", Reason(t, reason)], s.RejectedFor(reason));
        }
    }

    /// <summary>UTF-8 with BOM, ';' and CRLF: what German Excel opens correctly by double-click.</summary>
    public static byte[] Csv(TranscriptDocument doc, IStringLocalizer<ExportTexts> t, IStringLocalizer<ChannelTexts> channels)
    {
        var csv = new CsvWriter();
        // New columns come last (the question's number, then its channel), so the columns before them
        // keep their places in existing sheets.
        csv.Row(t["Csv_EventDate"], t["Csv_Block"], t["Csv_BlockTitle"], t["Csv_Question"], t["Csv_Name"], t["Csv_Organisation"],
            t["Csv_Votes"], t["Csv_Outcome"], t["Csv_Moment"], t["Csv_Answer"], t["Csv_AnswerBy"], t["Csv_AnswerDate"], t["Csv_Number"],
            t["Csv_Channel"]);
        var date = IsoDate(doc.Model.Transcript.StreamStartedAt);
        foreach (var block in doc.Blocks)
        {
            foreach (var q in block.Questions)
            {
                csv.Row(date, block.Number?.ToString(CultureInfo.InvariantCulture), block.Number is null ? t["Block_Unassigned"] : block.Title,
                    q.Text, q.Name, q.Organisation, q.Votes.ToString(CultureInfo.InvariantCulture), Outcome(t, q.Outcome), q.RecordingTime,
                    q.Answer, q.AnswerBy, q.AnswerAt is { } at ? IsoDate(at) : null, q.Number.ToString(CultureInfo.InvariantCulture),
                    QuestionChannel.Label(q.Channel, channels));
            }
        }

        return csv.ToBytes();
    }

    public static byte[] JsonBytes(TranscriptDocument doc, string replayUrl) =>
        JsonSerializer.SerializeToUtf8Bytes(TranscriptJson.From(doc, replayUrl), Json);
}

/// <summary>
/// The JSON export's shape, version 1 (<c>format: "ozglive-transcript"</c>). Fields are only ever added;
/// a change to existing ones gets a new <see cref="FormatVersion"/>. All seconds are positions in the
/// recording (the organiser's offset applied); times are UTC.
/// </summary>
public sealed record TranscriptJson(
    string Format,
    int FormatVersion,
    TranscriptJson.EventPart Event,
    IReadOnlyList<TranscriptJson.ChapterPart> Chapters,
    TranscriptJson.SummaryPart Summary,
    IReadOnlyList<TranscriptJson.QuestionPart> Questions,
    IReadOnlyList<PollJson> Polls)
{
    public static TranscriptJson From(TranscriptDocument doc, string replayUrl)
    {
        var m = doc.Model;
        var s = doc.Summary;
        return new TranscriptJson(
            "ozglive-transcript",
            1,
            new EventPart(m.Event.Slug, m.Event.Title, m.Event.SeriesTitle, TranscriptExport.IsoDate(m.Transcript.StreamStartedAt),
                m.Transcript.StreamStartedAt.ToUniversalTime(), m.Transcript.StreamEndedAt.ToUniversalTime(), replayUrl,
                m.Settings.ReplayVideoId ?? m.Event.ReplayVideoId, m.Settings.OffsetSeconds, m.Preview,
                m.Settings.PublishedAt?.ToUniversalTime(), m.Transcript.Version),
            doc.Chapters.Select(c => new ChapterPart(c.BlockNumber, c.Title, c.StartSeconds, c.EndSeconds, c.Start)).ToList(),
            new SummaryPart(s.Received, s.AnsweredLive, s.AnsweredInWriting, s.Open, s.NotReviewed, s.Merged, s.HiddenInReview,
                new RejectedPart(s.RejectedTotal, s.RejectedFor(RejectReason.OffTopic), s.RejectedFor(RejectReason.Duplicate),
                    s.RejectedFor(RejectReason.PersonalData), s.RejectedFor(RejectReason.Abusive), s.RejectedFor(RejectReason.Other)),
                s.ReceivedByChannel.Select(c => new ChannelCountPart(c.Channel, c.Received)).ToList()),
            doc.Questions.Select(q => new QuestionPart(q.Id, q.Number, q.BlockNumber, q.Text, q.Name, q.Organisation, q.Votes, q.Outcome,
                q.RecordingSeconds, q.RecordingTime,
                q.Answer is null ? null : new AnswerPart(q.Answer, q.AnswerBy, q.AnswerAt?.ToUniversalTime()), q.Channel)).ToList(),
            PollExport.Json(m.PublicPolls));
    }

    /// <param name="Date">The broadcast's date in Berlin (yyyy-MM-dd).</param>
    /// <param name="Preview">True while the event is not published (only its staff can download it then).</param>
    public sealed record EventPart(
        string Slug, string Title, string Series, string Date, DateTimeOffset StreamStartedUtc, DateTimeOffset StreamEndedUtc,
        string ReplayUrl, string? VideoId, int OffsetSeconds, bool Preview, DateTimeOffset? PublishedUtc, long TranscriptVersion);

    /// <param name="Start">StartSeconds as YouTube writes it ("05:12").</param>
    public sealed record ChapterPart(int BlockNumber, string Title, int StartSeconds, int EndSeconds, string Start);

    public sealed record SummaryPart(
        int Received, int AnsweredLive, int AnsweredInWriting, int Open, int NotReviewed, int Merged, int HiddenInReview, RejectedPart Rejected,
        IReadOnlyList<ChannelCountPart> Channels);

    /// <param name="Channel">As each question's channel: live, embed, embed:https://partner.example, youtube, twitter, …</param>
    public sealed record ChannelCountPart(string Channel, int Received);

    public sealed record RejectedPart(int Total, int OffTopic, int Duplicate, int PersonalData, int Abusive, int Other);

    /// <param name="Outcome">answeredLive, answeredInWriting or open.</param>
    /// <param name="RecordingSeconds">Where the recording shows the question taken up; null if it never was.</param>
    /// <param name="Number">The question's number in its event (#3), as on every screen; Id is the database's.</param>
    /// <param name="Channel">Where it was asked: live, embed, embed:https://partner.example, or a moderator's source (youtube, twitter, …).</param>
    public sealed record QuestionPart(
        long Id, int Number, int? BlockNumber, string Text, string? DisplayName, string? Organisation, int Votes, TranscriptOutcome Outcome,
        int? RecordingSeconds, string? RecordingTime, AnswerPart? Answer, string Channel);

    public sealed record AnswerPart(string Text, string? By, DateTimeOffset? AtUtc);
}
