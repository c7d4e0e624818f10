using System.Data;
using Dapper;
using OzgLive.Web.Polls;

namespace OzgLive.Web.Demo;

/// <summary>
/// A prepared poll per block of the demo broadcast, and the same polls answered and closed in the
/// finished one (spot-on-ozg-rueckblick), so a newcomer sees results on its replay page at once.
/// </summary>
public static class DemoPolls
{
    /// <summary>One poll per block, in block order (blocks 1–3 of both Spot on OZG events).</summary>
    public static IReadOnlyList<PollDraft> PerBlock { get; } =
    [
        new(1, PollKind.Single, "Gibt es in Ihrer Kommune eine Ansprechperson für die OZG-Umsetzung?",
            ["Ja, hauptamtlich", "Ja, neben anderen Aufgaben", "Nein", "Weiß ich nicht"]),
        new(2, PollKind.Single, "Haben Sie den Voucher für die Digitalisierungsberatung schon beantragt?",
            ["Ja", "Noch nicht, aber geplant", "Nein"]),
        new(3, PollKind.WordCloud, "Welche Förderung brauchen Sie am dringendsten? (bis zu drei Stichworte)", [], MaxChoices: 3),
    ];

    /// <summary>How many demo viewers gave which answer, per poll of <see cref="PerBlock"/>.</summary>
    private static readonly IReadOnlyList<(string[] Items, int Viewers)>[] Answers =
    [
        [(["1"], 38), (["2"], 61), (["3"], 17), (["4"], 9)],
        [(["1"], 74), (["2"], 52), (["3"], 23)],
        [(["Personal"], 31), (["Personal", "Schulung"], 22), (["Schnittstellen", "Personal"], 18), (["Breitband"], 12), (["Schulung", "Beratung"], 9)],
    ];

    /// <summary>The polls prepared, not yet opened.</summary>
    public static async Task PrepareAsync(IDbConnection connection, IDbTransaction transaction, long eventId, DateTimeOffset now)
    {
        foreach (var draft in PerBlock)
        {
            await PollStore.InsertAsync(connection, transaction, eventId, draft.Checked(), now);
        }
    }

    /// <summary>The polls as run during the finished broadcast: opened in their block, answered, closed, results revealed.</summary>
    public static async Task AnsweredAsync(IDbConnection connection, IDbTransaction transaction, long eventId, IReadOnlyList<(DateTimeOffset Opened, DateTimeOffset Closed)> times)
    {
        for (var p = 0; p < PerBlock.Count; p++)
        {
            var (opened, closed) = times[p];
            var id = await PollStore.InsertAsync(connection, transaction, eventId, PerBlock[p].Checked(), opened);
            await connection.ExecuteAsync(
                "UPDATE polls SET state = 'closed', revealed = 1, opened_utc = @opened, closed_utc = @closed, version = 3, updated_utc = @closed WHERE id = @id",
                new { opened, closed, id }, transaction);
            var viewer = 0;
            foreach (var (items, viewers) in Answers[p])
            {
                for (var v = 0; v < viewers; v++)
                {
                    viewer++;
                    foreach (var item in items)
                    {
                        var isWord = PerBlock[p].Kind == PollKind.WordCloud;
                        await connection.ExecuteAsync(
                            "INSERT INTO poll_answers (poll_id, viewer_id, item, display, status, created_utc) VALUES (@id, @viewerId, @counted, @display, 'shown', @opened)",
                            new { id, viewerId = $"demo-poll-viewer-{viewer}", counted = isWord ? PollAnswers.Normalise(item) : item, display = isWord ? item : null, opened },
                            transaction);
                    }
                }
            }
        }
    }
}
