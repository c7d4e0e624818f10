using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Web.Polls;

namespace OzgLive.Tests.Polls;

/// <summary>Shorthands for preparing polls and reading their results off the wire.</summary>
public static class PollCalls
{
    /// <summary>Prepares a poll as an organiser would (the service behind the organisers' form).</summary>
    public static async Task<long> PrepareAsync(this LiveFixture fixture, TestEvent ev, PollDraft draft) =>
        (await fixture.App.Get<PollService>().PrepareAsync(ev.Id, draft)).Id;

    public static PollDraft Choice(string question = "Haben Sie den Voucher schon beantragt?", PollResultsMode mode = PollResultsMode.Live, int? block = null) =>
        new(block, PollKind.Single, question, ["Ja", "Nein", "Weiß nicht"], ResultsMode: mode);

    /// <summary>The counts of a results object by item key ("1", "2", a word…).</summary>
    public static IReadOnlyDictionary<string, int> Counts(this JsonElement results) =>
        results.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!, i => i.GetProperty("count").GetInt32());

    public static int Respondents(this JsonElement results) => results.GetProperty("respondents").GetInt32();

    /// <summary>The poll in a snapshot's "polls".</summary>
    public static JsonElement Poll(this JsonElement snapshot, long pollId) => snapshot.GetProperty("polls").Find(pollId);

    /// <summary>Waits for a PollResultsChanged of the poll that satisfies <paramref name="match"/>.</summary>
    public static async Task<JsonElement> WaitForResultsAsync(this Participant participant, long pollId, Func<JsonElement, bool> match)
    {
        var messages = await participant.Client.WaitUntilAsync(
            all => all.Any(m => IsResults(m, pollId) && match(m.Argument.GetProperty("results"))),
            all => $"{participant}: no matching PollResultsChanged for poll {pollId}; got {string.Join(" | ", all.Where(m => IsResults(m, pollId)).Select(m => m.Argument.GetProperty("results").ToString()))}");
        return messages.Last(m => IsResults(m, pollId) && match(m.Argument.GetProperty("results"))).Argument.GetProperty("results");
    }

    public static IReadOnlyList<JsonElement> ResultMessages(this Participant participant, long pollId) =>
        [.. participant.Messages(PollMessageNames.PollResultsChanged).Where(m => m.GetProperty("pollId").GetInt64() == pollId)];

    private static bool IsResults(ServerMessage m, long pollId) =>
        m.Target == PollMessageNames.PollResultsChanged && m.Argument.GetProperty("pollId").GetInt64() == pollId;
}

/// <summary>What is stored of an event's polls, to show that a refused call changed nothing.</summary>
public static class PollStorage
{
    public static Task<string> StoredPollStateAsync(this LiveFixture fixture, long eventId) => fixture.StoredRowsAsync(
        eventId,
        "SELECT seq, mod_seq FROM events WHERE id = @eventId",
        "SELECT * FROM polls WHERE event_id = @eventId ORDER BY id",
        "SELECT a.* FROM poll_answers a JOIN polls p ON p.id = a.poll_id WHERE p.event_id = @eventId ORDER BY a.id",
        "SELECT h.* FROM poll_hidden_words h JOIN polls p ON p.id = h.poll_id WHERE p.event_id = @eventId ORDER BY h.word");
}
