using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Live;

/// <summary>
/// Writes the event's audit log: who did what, when, to which question, with the state before and
/// after as JSON. Every change writes its row inside its own transaction, so the log and the change
/// are stored together or not at all.
/// </summary>
public static class AuditLog
{
    // Enums as names: the audit log is read by people ("status": "rejected", not 4).
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Task WriteAsync(EventChange change, string actor, string action, long? questionId = null, object? before = null, object? after = null) =>
        WriteAsync(change.Commands, change.EventId, change.Now, actor, action, questionId, before, after);

    /// <summary>For writes outside a change (keys renewed or revoked): its own transaction's statement.</summary>
    public static async Task WriteAsync(
        DbConnection connection, DbTransaction transaction, long eventId, DateTimeOffset at, string actor, string action,
        long? questionId = null, object? before = null, object? after = null)
    {
        using var commands = new PreparedCommands(connection, transaction);
        await WriteAsync(commands, eventId, at, actor, action, questionId, before, after);
    }

    private static Task WriteAsync(
        PreparedCommands commands, long eventId, DateTimeOffset at, string actor, string action, long? questionId, object? before, object? after) =>
        commands.For(
            """
            INSERT INTO audit_log (event_id, at_utc, actor, action, question_id, before_json, after_json)
            VALUES (@eventId, @at, @actor, @action, @questionId, @beforeJson, @afterJson)
            """)
            .Set("eventId", eventId)
            .Set("at", at)
            .Set("actor", actor)
            .Set("action", action)
            .Set("questionId", questionId)
            .Set("beforeJson", before is null ? null : JsonSerializer.Serialize(before, Json))
            .Set("afterJson", after is null ? null : JsonSerializer.Serialize(after, Json))
            .ExecuteAsync();
}
