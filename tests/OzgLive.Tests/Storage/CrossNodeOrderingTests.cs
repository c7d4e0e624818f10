using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Events;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Storage;

/// <summary>
/// Two app nodes on one PostgreSQL database change the same event at the same time. Each node's
/// in-process lock knows nothing of the other; the event's row, locked first in every change's
/// transaction, is what serializes them.
/// </summary>
public sealed class CrossNodeOrderingTests
{
    [Fact]
    public async Task Changes_of_one_event_from_two_nodes_are_numbered_without_gaps_and_each_sees_the_one_before()
    {
        var server = await SharedPostgres.GetAsync();
        await using var nodeA = await TestApp.StartAsync(seedDemo: false, postgres: server);
        await using var nodeB = await TestApp.StartAsync(seedDemo: false, extra: new Dictionary<string, string?>
        {
            ["ConnectionStrings:OzgLive"] = nodeA.PostgresDatabase,
        }, postgres: server);
        var series = await nodeA.Get<EventEditor>().SaveSeriesAsync(null, new SeriesInput { Title = "Zwei Knoten", Slug = "zwei-knoten" });
        var ev = await nodeA.CreateEventAsync(series.Id, "zwei-knoten-", "Sendung auf zwei Knoten", "Beide Knoten ändern sie zugleich.", blocks: 1);

        const int perNode = 15;
        var changes = Enumerable.Range(0, perNode)
            .SelectMany(_ => new[] { ChangeAsync(nodeA, ev.Id), ChangeAsync(nodeB, ev.Id) })
            .ToList();
        var numbered = await Task.WhenAll(changes);

        // What each change read inside its transaction was the number the change before it left.
        Assert.All(numbered, n => Assert.Equal(n.SeenBefore + 1, n.Seq));
        var seqs = numbered.Select(n => n.Seq).Order().ToList();
        var first = seqs[0];
        Assert.Equal(Enumerable.Range(0, 2 * perNode).Select(i => first + i), seqs);
        await using var connection = await nodeA.OpenStoredAsync();
        Assert.Equal(seqs[^1], await connection.ExecuteScalarAsync<long>("SELECT seq FROM events WHERE id = @id", new { id = ev.Id }));
    }

    private static async Task<(long SeenBefore, long Seq)> ChangeAsync(TestApp node, long eventId)
    {
        var (seen, seq, _) = await node.Get<EventChanges>().RunSequencedAsync(eventId, async change =>
        {
            var before = await change.Connection.ExecuteScalarAsync<long>(
                "SELECT seq FROM events WHERE id = @eventId", new { eventId }, change.Transaction);
            change.ToEveryone("OrderingProbe", number => new { seq = number });
            return before;
        });
        return (seen, seq);
    }
}
