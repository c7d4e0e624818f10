using System.Text.Json;
using OzgLive.Tests.Infrastructure;

namespace OzgLive.Tests.Questions;

/// <summary>Shorthands for the question calls and for reading their answers.</summary>
public static class QuestionCalls
{
    public static readonly string[] NumberedTargets =
        ["ClockChanged", "EventUpdated", "QuestionsChanged", "QueueChanged", "QuestionSettingsChanged", "PresenterKeyChanged"];

    public static long Id(this JsonElement question) => question.GetProperty("id").GetInt64();

    public static long Version(this JsonElement question) => question.GetProperty("version").GetInt64();

    public static string Status(this JsonElement question) => question.GetProperty("status").GetString()!;

    public static string Text(this JsonElement question) => question.GetProperty("text").GetString()!;

    public static long Seq(this JsonElement message) => message.GetProperty("seq").GetInt64();

    public static string NewClientId() => "c" + Guid.NewGuid().ToString("N");

    public static Task<JsonElement> AskAsync(
        this Participant viewer, long eventId, string text, string? clientId = null, string? displayName = null, string? organisation = null, int? blockNumber = null) =>
        viewer.InvokeAsync("AskQuestion", eventId, new { clientId = clientId ?? NewClientId(), text, displayName, organisation, blockNumber });

    /// <summary>The call must be refused; returns the error code.</summary>
    public static async Task<string> RefusedAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubCallException>(call);
        return error.Code;
    }

    /// <summary>The messages of <paramref name="target"/> received so far.</summary>
    public static IReadOnlyList<JsonElement> Messages(this Participant participant, string target) =>
        participant.Received.Where(m => m.Target == target).Select(m => m.Argument).ToList();

    /// <summary>The seq of every numbered message received, in arrival order.</summary>
    public static IReadOnlyList<long> NumberedSeqs(this Participant participant) =>
        participant.Received.Where(m => NumberedTargets.Contains(m.Target)).Select(m => m.Argument.Seq()).ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages of <paramref name="target"/> arrived.</summary>
    public static async Task<IReadOnlyList<JsonElement>> WaitForCountAsync(this Participant participant, string target, int count, TimeSpan? timeout = null)
    {
        await participant.Client.WaitUntilAsync(
            _ => participant.Messages(target).Count >= count,
            _ => $"{participant}: expected {count} {target}, got {participant.Messages(target).Count}.",
            timeout ?? TimeSpan.FromSeconds(15));
        return participant.Messages(target);
    }

    /// <summary>A round trip on the connection: whatever the server sent it before answering has arrived.</summary>
    public static Task<JsonElement> SnapshotAsync(this Participant participant, long eventId) =>
        participant.InvokeAsync("GetSnapshot", eventId);

    /// <summary>The ids in a list of questions (a snapshot's publicQuestions or queue, a message's questions).</summary>
    public static IReadOnlyList<long> Ids(this JsonElement list) => list.EnumerateArray().Select(q => q.Id()).ToList();

    /// <summary>A plain array of ids (a message's "removed").</summary>
    public static IReadOnlyList<long> IdArray(this JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64()).ToList();

    public static JsonElement Find(this JsonElement list, long id) => list.EnumerateArray().Single(q => q.Id() == id);
}
