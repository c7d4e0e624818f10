using System.Data;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;

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
        WriteAsync(change.Connection, change.Transaction, change.EventId, change.Now, actor, action, questionId, before, after);

    public static Task WriteAsync(
        IDbConnection connection, IDbTransaction transaction, long eventId, DateTimeOffset at, string actor, string action,
        long? questionId = null, object? before = null, object? after = null) =>
        connection.ExecuteAsync(
            """
            INSERT INTO audit_log (event_id, at_utc, actor, action, question_id, before_json, after_json)
            VALUES (@eventId, @at, @actor, @action, @questionId, @beforeJson, @afterJson)
            """,
            new
            {
                eventId,
                at,
                actor,
                action,
                questionId,
                beforeJson = before is null ? null : JsonSerializer.Serialize(before, Json),
                afterJson = after is null ? null : JsonSerializer.Serialize(after, Json),
            },
            transaction);
}
