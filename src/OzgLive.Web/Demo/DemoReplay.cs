using System.Data;
using Dapper;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Questions;
using OzgLive.Web.Replay;
using static OzgLive.Web.Demo.DemoContent;

namespace OzgLive.Web.Demo;

/// <summary>
/// A finished, published broadcast for newcomers to see a real replay page at once: its clock facts
/// and questions are stored as a live event would have left them, then frozen by the same
/// <see cref="TranscriptFreezer"/> that runs when an event ends, and followed up in writing.
/// </summary>
/// <remarks>The themes come from seed 004 (where to apply for the consulting voucher, digitalisation
/// despite staff shortage, funding). The askers are invented; the replay video id is a placeholder.</remarks>
internal static class DemoReplay
{
    public const string Slug = "spot-on-ozg-rueckblick";

    /// <summary>Placeholder: the demo's recording id (a real event gets its own from the organiser).</summary>
    public const string VideoId = "OzgDemo2026";

    /// <summary>The recording starts 45 seconds before the stream (a countdown screen).</summary>
    public const int OffsetSeconds = 45;

    private const string Woitschell = "Martin Woitschell";
    private const string Merz = "Heiko Merz";
    private const string Sander = "Mirco Sander";

    public static async Task InsertAsync(IDbConnection connection, IDbTransaction transaction, long seriesId, DateOnly day, DateTimeOffset now)
    {
        var start = At(day, 10, 0);
        var eventId = await InsertEvent(connection, transaction, seriesId, new DemoEvent(
            Slug,
            "Spot on OZG – Rückblick: Beratung und Förderung für Kommunen",
            "Die Aufzeichnung und die Antworten: wie Land und Kommunen das OZG gemeinsam umsetzen, wo Kommunen den Voucher für die kostenfreie Digitalisierungsberatung beantragen und welche Förderprogramme es gibt.",
            start,
            EventStatus.Ended,
            "Dr. Eva-Charlotte Proll",
            [
                new DemoBlock("Umsetzungsvereinbarung zwischen Land und kommunalen Spitzenverbänden",
                    "Wie Land und kommunale Spitzenverbände die OZG-Umsetzung gemeinsam angehen.", 30,
                    [new Speaker(Woitschell, "Leiter " + Referat, Ministry)]),
                new DemoBlock("Kostenfreie Digitalisierungsberatungen für jede Kommune",
                    "Der Voucher für die Digitalisierungsberatung: wer ihn bekommt, wo er beantragt wird und was die Beratung leistet.", 30,
                    [new Speaker(Merz, "Referent, " + Referat, Ministry)]),
                new DemoBlock("Weitere gezielte Fördermöglichkeiten",
                    "Förderprogramme des Landes für die Verwaltungsdigitalisierung in den Kommunen.", 30,
                    [new Speaker(Sander, "Referatsleiter IT-Planungsrat, Verwaltungsdigitalisierung", "Hessische Ministerin für Digitale Strategie und Entwicklung")]),
            ]), now);

        DateTimeOffset T(int minutes, int seconds = 0) => start.AddSeconds(minutes * 60 + seconds);

        // The broadcast as the moderator ran it: a welcome, three blocks, a short goodbye.
        ClockFact[] facts =
        [
            new(ClockCommandKind.StartEvent, T(0)),
            new(ClockCommandKind.StartBlock, T(3, 40), BlockNumber: 1),
            new(ClockCommandKind.EndBlock, T(33, 10)),
            new(ClockCommandKind.StartBlock, T(33, 40), BlockNumber: 2),
            new(ClockCommandKind.ExtendBlock, T(60, 0), Minutes: 2),
            new(ClockCommandKind.EndBlock, T(65, 25)),
            new(ClockCommandKind.StartBlock, T(65, 50), BlockNumber: 3),
            new(ClockCommandKind.EndBlock, T(94, 30)),
            new(ClockCommandKind.EndEvent, T(96, 0)),
        ];
        var ev = await EventStore.LoadAsync(connection, eventId, transaction) ?? throw new InvalidOperationException("The demo event was not stored.");
        var clock = ClockState.Initial(ev.Blocks.Select(b => b.PlannedMinutes));
        foreach (var fact in facts)
        {
            clock = ClockMachine.Apply(clock, fact with { Actor = "demo" });
            await connection.ExecuteAsync(
                """
                INSERT INTO clock_facts (event_id, at_utc, command, block_number, minutes, actor)
                VALUES (@eventId, @At, @command, @BlockNumber, @Minutes, 'demo')
                """,
                new { eventId, fact.At, command = fact.Command.ToString(), fact.BlockNumber, fact.Minutes },
                transaction);
        }

        var ids = new Dictionary<string, long>();
        foreach (var q in Questions(T))
        {
            ids[q.Key] = await connection.ExecuteScalarAsync<long>(
                $"""
                INSERT INTO questions (event_id, block_number, client_id, viewer_id, text, original_text, display_name, organisation,
                    source, status, reject_reason, votes, answer_text, created_utc, approved_utc, staged_utc, answered_utc, updated_utc, number)
                VALUES (@eventId, @Block, @clientId, @viewerId, @Text, @Text, @Name, @Organisation,
                    @Source, @Status, @RejectReason, @Votes, @LiveNote, @Asked, @approved, @Staged, @Answered, @Asked, {QuestionStore.NextNumber})
                RETURNING id
                """,
                new
                {
                    eventId,
                    q.Block,
                    clientId = "demo-" + q.Key,
                    viewerId = q.Source == "live" ? "demo-viewer-" + q.Key : null,
                    q.Text,
                    q.Name,
                    q.Organisation,
                    q.Source,
                    q.Status,
                    q.RejectReason,
                    q.Votes,
                    q.LiveNote,
                    q.Asked,
                    approved = q.Status is "pending" or "rejected" ? (DateTimeOffset?)null : q.Asked.AddSeconds(40),
                    q.Staged,
                    q.Answered,
                },
                transaction);
        }

        // Each block's poll ran during its last minutes, after the talk and before the questions.
        await DemoPolls.AnsweredAsync(connection, transaction, eventId, [(T(20), T(22)), (T(50), T(52)), (T(80), T(82))]);
        await TranscriptFreezer.FreezeAsync(connection, transaction, ev, clock, T(96));

        // Follow-up in writing, a few days after the broadcast, for questions the blocks had no time for.
        var answeredLater = start.AddDays(4).AddHours(5);
        foreach (var (key, by, answer) in WrittenAnswers())
        {
            await connection.ExecuteAsync(
                """
                UPDATE transcript_questions SET answer_text = @answer, answer_by = @by, answer_utc = @answeredLater,
                    answer_published = 1, updated_utc = @answeredLater, version = version + 1
                WHERE question_id = @id
                """,
                new { answer, by, answeredLater, id = ids[key] },
                transaction);
        }

        await connection.ExecuteAsync(
            """
            UPDATE events SET status = 'published', published_utc = @published, replay_video_id = @VideoId,
                replay_offset_seconds = @OffsetSeconds
            WHERE id = @eventId
            """,
            new { published = start.AddDays(5), VideoId, OffsetSeconds, eventId },
            transaction);
    }

    private sealed record DemoQuestion(
        string Key, int Block, string Text, string? Name, string? Organisation, int Votes, DateTimeOffset Asked,
        string Status = "approved", DateTimeOffset? Staged = null, DateTimeOffset? Answered = null,
        string? LiveNote = null, string? RejectReason = null, string Source = "live");

    private static IEnumerable<DemoQuestion> Questions(Func<int, int, DateTimeOffset> t)
    {
        // Block 1: the agreement between the state and the municipal associations (03:40–33:10).
        yield return new("b1-verbaende", 1, "Welche Rolle spielen die kommunalen Spitzenverbände bei der Umsetzungsvereinbarung ganz konkret?",
            "Thomas Berger", "Gemeinde Lahntal", 14, t(9, 12), "answered", t(22, 30), t(25, 5));
        yield return new("b1-personal", 1, "Wie soll die Digitalisierung in den Kommunen gelingen, wenn uns schon heute Personal fehlt?",
            null, "Stadtverwaltung Alsfeld", 31, t(12, 48), "answered", t(25, 20), t(31, 40),
            LiveNote: "Das Land übernimmt den Betrieb der zentralen Onlinedienste; die Kommunen binden sie nur an. Beispiele dazu stehen in den Vortragsfolien.");
        yield return new("b1-doppelt", 1, "Wie sollen Kommunen das mit dem Personalmangel schaffen?",
            null, null, 0, t(14, 2), "rejected", RejectReason: "duplicate");
        yield return new("b1-klein", 1, "Gilt die Umsetzungsvereinbarung auch für kreisangehörige Gemeinden mit weniger als 5.000 Einwohnern?",
            "Andrea Vogt", null, 9, t(18, 30));
        yield return new("b1-efa", 1, "Gibt es eine Übersicht, welche EfA-Leistungen in Hessen schon flächendeckend verfügbar sind?",
            null, null, 6, t(28, 15));

        // Block 2: the free consulting voucher (33:40–65:25).
        yield return new("b2-voucher", 2, "Wo kann der Voucher für die Digitalisierungsberatung beantragt werden?",
            "Sabine Krämer", "Kreisstadt Eschwege", 27, t(41, 5), "answered", t(50, 15), t(54, 50),
            LiveNote: "Beantragt wird formlos beim Hessischen Ministerium des Innern und für Sport; das Formular und die Ansprechpersonen stehen in den Vortragsfolien.");
        yield return new("b2-dauer", 2, "Wie lange dauert es vom Antrag bis zum ersten Beratungstermin?",
            null, null, 12, t(44, 30), "answered", t(55, 0), t(57, 35));
        yield return new("b2-gemeinsam", 2, "Können sich mehrere Kommunen einen Voucher für eine gemeinsame Beratung teilen?",
            "Jonas Weber", "Interkommunale Zusammenarbeit Vogelsberg", 10, t(47, 10), "answered", t(57, 50), t(61, 20), Source: "youtube");
        yield return new("b2-auswahl", 2, "Welche Beratungsunternehmen stehen zur Auswahl, und kann die Kommune selbst wählen?",
            null, "Gemeinde Wettenberg", 8, t(52, 40));
        yield return new("b2-zweckverband", 2, "Ist die Beratung auch für Eigenbetriebe und Zweckverbände offen?",
            null, null, 3, t(63, 5));

        // Block 3: further funding (65:50–94:30).
        yield return new("b3-fachverfahren", 3, "Welche Förderprogramme gibt es für die Anbindung von Fachverfahren an die Onlinedienste?",
            "Petra Schulz", "Landkreis Marburg-Biedenkopf", 18, t(72, 0), "answered", t(81, 10), t(84, 45));
        yield return new("b3-bund", 3, "Können Förderprogramme des Landes mit Bundesmitteln kombiniert werden?",
            null, null, 15, t(75, 20), "answered", t(84, 55), t(88, 10));
        yield return new("b3-schulung", 3, "Werden auch Schulungen der Beschäftigten zur Verwaltungsdigitalisierung gefördert?",
            "Michael Hofmann", null, 11, t(78, 45), "answered", t(88, 20), t(91, 0));
        yield return new("b3-frist", 3, "Bis wann müssen Anträge für das laufende Förderjahr gestellt werden?",
            null, "Stadt Bad Hersfeld", 7, t(86, 30));
        yield return new("b3-archiv", 3, "Gibt es auch Förderung für die Digitalisierung von Archivbeständen?",
            null, null, 2, t(90, 40));
        yield return new("b3-spaet", 3, "Wird die Präsentation nach der Veranstaltung zur Verfügung gestellt?",
            null, null, 0, t(95, 10), "pending");
    }

    private static IEnumerable<(string Key, string By, string Answer)> WrittenAnswers()
    {
        yield return ("b1-klein", Woitschell,
            "Ja. Die Umsetzungsvereinbarung gilt für alle hessischen Kommunen unabhängig von ihrer Größe. Gerade kleine Gemeinden profitieren davon, dass das Land die Onlinedienste zentral bereitstellt.");
        yield return ("b2-auswahl", Merz,
            "Die Kommune wählt das Beratungsunternehmen selbst aus einem Pool zugelassener Anbieter aus. Die Liste der Anbieter erhalten Sie mit der Bestätigung Ihres Antrags.");
        yield return ("b3-frist", Sander,
            "Anträge für das laufende Förderjahr können bis zum 30. September gestellt werden. Später eingehende Anträge werden im Folgejahr berücksichtigt, sofern Mittel zur Verfügung stehen.");
    }
}
